package io.followup.callbacks.bench;

import org.apache.http.impl.client.HttpClients;
import org.camunda.connect.httpclient.HttpConnector;
import org.camunda.connect.httpclient.impl.AbstractHttpConnector;
import org.camunda.connect.spi.ConnectorConfigurator;

/**
 * The http-connector model's HTTP client as a careful user would configure it (Camunda Connect's documented way, a
 * {@link ConnectorConfigurator} found through {@code META-INF/services}): a connection pool as large as the job
 * executor's threads can use at once. Camunda Connect's default client takes Apache HttpClient's system defaults,
 * 5 connections per route, for which the job threads queued. {@code -Dbench.http-pool=default} keeps the default,
 * to measure the difference.
 */
public class BenchHttpConnectorConfigurator implements ConnectorConfigurator<HttpConnector> {

    /** Two connections per job thread of the benchmark's job executor (24). */
    static final int CONNECTIONS = 48;

    @Override
    public Class<HttpConnector> getConnectorClass() {
        return HttpConnector.class;
    }

    @Override
    public void configure(HttpConnector connector) {
        if ("default".equals(System.getProperty("bench.http-pool"))) {
            return;
        }
        ((AbstractHttpConnector<?, ?>) connector).setHttpClient(HttpClients.custom()
                .setMaxConnPerRoute(CONNECTIONS).setMaxConnTotal(CONNECTIONS).build());
    }
}
