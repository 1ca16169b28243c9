package io.followup.callbacks.process;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.followup.callbacks.process.SupportFollowUpProcess.PROCESS_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.repositoryService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.followup.callbacks.booking.TalkdeskCallbackService;
import io.followup.callbacks.cluster.ClusterLocks;
import io.followup.callbacks.cluster.JvmLocks;
import io.followup.callbacks.delegate.BookingAttempt;
import io.followup.callbacks.engine.CallbackComponents;
import io.followup.callbacks.engine.FollowUpAlreadyRunningException;
import io.followup.callbacks.engine.FollowUpService;
import io.followup.callbacks.process.SupportFollowUpProcess.Delegates;
import io.followup.callbacks.process.SupportFollowUpProcess.Elements;
import io.followup.callbacks.process.SupportFollowUpProcess.Errors;
import io.followup.callbacks.process.SupportFollowUpProcess.Messages;
import io.followup.callbacks.process.SupportFollowUpProcess.Outcomes;
import io.followup.callbacks.process.SupportFollowUpProcess.Status;
import io.followup.callbacks.process.SupportFollowUpProcess.Variables;
import io.followup.callbacks.settings.TalkdeskProperties;
import io.followup.callbacks.talkdesk.api.CallbackResource;
import io.followup.callbacks.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.RepositoryServiceImpl;
import org.camunda.bpm.engine.impl.core.variable.mapping.IoMapping;
import org.camunda.bpm.engine.impl.core.variable.mapping.IoParameter;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every path of {@code support-follow-up}, with the real delegates and the real client talking HTTP to a WireMock
 * Talkdesk. Jobs are run by the test, one transaction at a time, as the job executor would.
 */
@Deployment(resources = "support-follow-up.bpmn")
class SupportFollowUpProcessTest {

    @RegisterExtension
    static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder("process-test.camunda.cfg.xml")
            .assertClassCoverageAtLeast(1.0).build();

    private static final String TICKET = "T-1001";
    private static final String PHONE = "+351912345678";
    private static final String LIST = "/schedule-callbacks";

    private static WireMockServer talkdesk;
    private String callbackTime;
    /** The time Talkdesk's answers in a test give their callbacks: the one the test requested. */
    private static String booked;
    /** The delegates' time: a test moves it forward to let an outage outlive the callback time. */
    private MutableClock clock;
    private TalkdeskCallbackService service;
    private TalkdeskProperties settings;

    @BeforeAll
    static void startTalkdesk() {
        talkdesk = new WireMockServer(wireMockConfig().dynamicPort());
        talkdesk.start();
    }

    @AfterAll
    static void stopTalkdesk() {
        talkdesk.stop();
    }

    @BeforeEach
    void wireDelegates() {
        BpmnAwareTests.init(engine.getProcessEngine()); // the app tests' engine may share this JVM
        talkdesk.resetAll();
        clock = new MutableClock(Instant.now());
        service = TalkdeskStandIn.service(talkdesk, clock);
        settings = new TalkdeskProperties();
        settings.getCallbacks().setDefaultCallerId("+14155550100");
        settings.getCallbacks().setDefaultAssignees(List.of("support-tier-1"));
        settings.getCallbacks().setDefaultPhoneRegion("PT");
        settings.getRetry().setCycle("R3/PT1M");
        TalkdeskStandIn.registerDelegates(settings, service, clock);
        callbackTime = middayInLisbon(1);
        booked = callbackTime;
    }

    static String middayInLisbon(int days) {
        return TalkdeskStandIn.middayInLisbon(days);
    }

    @AfterEach
    void clearMocks() {
        Mocks.reset();
    }

    private Map<String, Object> request() {
        Map<String, Object> variables = new HashMap<>();
        variables.put(Variables.TICKET_ID, TICKET);
        variables.put(Variables.PHONE_NUMBER, "912 345 678");
        variables.put(Variables.PHONE_REGION, "PT");
        variables.put(Variables.CALLBACK_TIME, callbackTime);
        variables.put(Variables.TIMEZONE, "Europe/Lisbon");
        variables.put(Variables.NOTES, "Invoice question");
        return variables;
    }

    private static ProcessInstance startFollowUp(Map<String, Object> variables) {
        return runtimeService().startProcessInstanceByKey(PROCESS_KEY, TICKET, variables);
    }

    private static String callback(String id, String status, String notes) {
        return "{\"callback_id\":\"" + id + "\",\"phone_number\":\"" + PHONE + "\",\"status\":\"" + status
                + "\",\"scheduled_time_to_call\":\"" + booked + "\",\"timezone\":\"Europe/Lisbon\","
                + "\"caller_id\":\"+14155550100\",\"notes\":\"" + notes + "\"}";
    }

    private static String page(String... callbacks) {
        return "{\"total\":" + callbacks.length + ",\"page\":1,\"per_page\":50,\"total_pages\":1,\"count\":"
                + callbacks.length + ",\"_links\":{\"self\":{\"href\":\"/x\"}},\"_embedded\":{\"callbacks\":["
                + String.join(",", callbacks) + "]}}";
    }

    private static void givenNoActiveCallback() {
        talkdesk.stubFor(get(urlPathEqualTo(LIST)).willReturn(okJson(page())));
    }

    private static void givenActiveCallback(String status, String id) {
        givenListed(callback(id, status, "other ticket"));
    }

    /**
     * Talkdesk lists {@code callbacks} as the number's, as it would: all of them on the unfiltered page (complete,
     * {@code total_pages} 1), each status list those in its status.
     */
    private static void givenListed(String... callbacks) {
        givenListed(stub -> stub, callbacks);
    }

    /** {@link #givenListed(String...)}, each stub made by {@code when} (in a scenario's state, say). */
    private static void givenListed(java.util.function.UnaryOperator<MappingBuilder> when, String... callbacks) {
        talkdesk.stubFor(when.apply(get(urlPathEqualTo(LIST))).willReturn(okJson(page(callbacks))));
        for (String status : CallbackResource.ACTIVE_STATUSES) {
            talkdesk.stubFor(when.apply(get(urlPathEqualTo(LIST)).withQueryParam("status", equalTo(status)))
                    .willReturn(okJson(page(java.util.Arrays.stream(callbacks)
                            .filter(callback -> callback.contains("\"status\":\"" + status + "\""))
                            .toArray(String[]::new)))));
        }
    }

    /** The number has more callbacks than one page holds: its unfiltered first page is page 1 of 2, all finished. */
    private static void givenALongHistory() {
        String[] finished = java.util.stream.IntStream.range(0, 500)
                .mapToObj(i -> callback("cb-called-" + i, "SUCCESS", "older ticket")).toArray(String[]::new);
        talkdesk.stubFor(get(urlPathEqualTo(LIST)).withQueryParam("status", absent())
                .willReturn(okJson(page(finished).replace("\"total\":500", "\"total\":640")
                        .replace("\"total_pages\":1", "\"total_pages\":2").replace("\"per_page\":50",
                                "\"per_page\":500"))));
    }

    /** Requests of the one unfiltered page of 500 a look for active callbacks starts with. */
    private static RequestPatternBuilder wholeHistoryLists() {
        return getRequestedFor(urlPathEqualTo(LIST)).withQueryParam("status", absent())
                .withQueryParam("per_page", equalTo("500"));
    }

    /** Requests of a status list (made only for a number whose callbacks do not fit one page). */
    private static RequestPatternBuilder statusLists() {
        return getRequestedFor(urlPathEqualTo(LIST)).withQueryParam("status", matching(".*"));
    }

    private static void givenTalkdeskBooks(String id) {
        talkdesk.stubFor(post(LIST).willReturn(aResponse().withStatus(201).withHeader("Content-Type",
                "application/json").withBody(callback(id, "UNATTEMPTED", "[ticket:" + TICKET + "]"))));
    }

    private static void givenTalkdeskUpdates(String id) {
        talkdesk.stubFor(patch(urlEqualTo(LIST + "/" + id)).willReturn(okJson(callback(id, "UNATTEMPTED", "x"))));
    }

    private static void givenOutcome(String id, String status) {
        talkdesk.stubFor(get(urlPathEqualTo(LIST)).withQueryParam("status", absent())
                .willReturn(okJson(page(callback(id, status, "[ticket:" + TICKET + "]")))));
    }

    /**
     * Runs the jobs in turn, as the job executor would, until the instance waits for something else. A job that
     * fails fails the test: a scenario that expects a failure says so with {@link #runJobsUntilOneFails}.
     */
    private static void runJobs(ProcessInstance instance) {
        runJobs(instance, false);
    }

    /** {@link #runJobs}, stopping at the first job that fails (the engine records the failure on the job). */
    private static Job runJobsUntilOneFails(ProcessInstance instance) {
        return runJobs(instance, true);
    }

    /** Runs the next {@code count} jobs of {@code instance}, each of which must succeed. */
    private static void runJobs(ProcessInstance instance, int count) {
        for (int i = 0; i < count; i++) {
            managementService().executeJob(managementService().createJobQuery().processInstanceId(instance.getId())
                    .messages().singleResult().getId());
        }
    }

    private static Job runJobs(ProcessInstance instance, boolean failureExpected) {
        for (int i = 0; i < 10; i++) {
            Job next = managementService().createJobQuery().processInstanceId(instance.getId()).messages()
                    .singleResult();
            if (next == null) {
                assertThat(failureExpected).as("a job was expected to fail").isFalse();
                return null;
            }
            try {
                managementService().executeJob(next.getId());
            } catch (RuntimeException failed) {
                if (!failureExpected) {
                    throw new AssertionError("job " + next.getId() + " failed unexpectedly", failed);
                }
                return managementService().createJobQuery().jobId(next.getId()).singleResult();
            }
        }
        throw new AssertionError("more than 10 jobs in a row: the follow-up does not come to rest");
    }

    private static void failJobUntilRetriesRunOut(Job job) {
        for (int attempt = 0; attempt < 10; attempt++) {
            Job current = managementService().createJobQuery().jobId(job.getId()).singleResult();
            if (current.getRetries() == 0) {
                return;
            }
            try {
                managementService().executeJob(current.getId());
            } catch (RuntimeException expected) {
                // the failure is recorded on the job by the engine
            }
        }
    }

    private static ProcessInstance bookedFollowUp() {
        givenNoActiveCallback();
        givenTalkdeskBooks("cb-1");
        ProcessInstance instance = startFollowUp(new SupportFollowUpProcessTest().withTime());
        runJobs(instance);
        assertThat(instance).isWaitingAt(Elements.GATEWAY_AWAIT_CALLBACK);
        return instance;
    }

    private Map<String, Object> withTime() {
        callbackTime = middayInLisbon(1);
        return request();
    }

    /** Requests to the Scheduled Callbacks API, the token endpoint aside. */
    private static int apiCalls() {
        return talkdesk.findAll(anyRequestedFor(urlPathMatching(LIST + ".*"))).size();
    }

    /** Find active callback as shipped, but a day passes while it looks (a very slow answer). */
    private void lookTakesADay() {
        JavaDelegate find = (JavaDelegate) Mocks.get(Delegates.FIND_ACTIVE);
        Mocks.register(Delegates.FIND_ACTIVE, (JavaDelegate) execution -> {
            find.execute(execution);
            clock.advance(Duration.ofDays(1));
        });
    }

    /** The first booking reaches Talkdesk but its answer is lost; afterwards Talkdesk lists {@code afterwards}. */
    private ProcessInstance bookingWhoseAnswerWasLost(String activeAfterwards, String allAfterwards) {
        return bookingWhoseAnswerWasLost(activeAfterwards, sentNotes -> allAfterwards);
    }

    /**
     * {@link #bookingWhoseAnswerWasLost(String, String)}, where every callback Talkdesk lists afterwards is made from
     * the notes the lost booking sent (they carry the attempt's reference).
     */
    private ProcessInstance bookingWhoseAnswerWasLost(String activeAfterwards,
            java.util.function.UnaryOperator<String> allAfterwards) {
        talkdesk.stubFor(get(urlPathEqualTo(LIST)).inScenario("lost").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(page())));
        talkdesk.stubFor(post(LIST).inScenario("lost").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("booked")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        talkdesk.stubFor(get(urlPathEqualTo(LIST)).inScenario("lost").whenScenarioStateIs("booked")
                .withQueryParam("status", matching("UNATTEMPTED|TO_BE_RETRIED"))
                .willReturn(okJson(activeAfterwards == null ? page() : page(activeAfterwards))));
        talkdesk.stubFor(post(LIST).inScenario("lost").whenScenarioStateIs("booked")
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody(callback("cb-duplicate", "UNATTEMPTED", "[ticket:" + TICKET + "]"))));
        ProcessInstance instance = startFollowUp(request());
        Job schedule = runJobsUntilOneFails(instance);
        assertThat(schedule.getExceptionMessage()).contains("Schedule callback");
        talkdesk.stubFor(get(urlPathEqualTo(LIST)).inScenario("lost").whenScenarioStateIs("booked")
                .withQueryParam("status", absent())
                .willReturn(okJson(page(allAfterwards.apply(sentNotes())))));
        managementService().executeJob(schedule.getId());
        return instance;
    }

    /** The notes of the first booking sent to Talkdesk. */
    private static String sentNotes() {
        String body = talkdesk.findAll(postRequestedFor(urlEqualTo(LIST))).get(0).getBodyAsString();
        return body.replaceAll(".*\"notes\":\"([^\"]*)\".*", "$1");
    }

    /** The delegates with real locks in this JVM, as a plain engine gets them, and the follow-up commands on them. */
    private FollowUpService withLocks() {
        JvmLocks jvm = new JvmLocks(Duration.ofSeconds(10));
        numberLocked = new java.util.concurrent.CountDownLatch(1);
        ClusterLocks locks = new ClusterLocks() {
            @Override
            public void lockFor(String phoneNumber) {
                jvm.lockFor(phoneNumber);
                numberLocked.countDown(); // the booking now talks to Talkdesk
            }

            @Override
            public void lockTicket(String ticketId) {
                jvm.lockTicket(ticketId);
            }

            @Override
            public void lockFollowUp(String processInstanceId) {
                jvm.lockFollowUp(processInstanceId);
            }
        };
        lockedDelegates = CallbackComponents.delegates(settings, CallbackComponents.requests(settings, clock), service,
                locks, clock);
        lockedDelegates.forEach(Mocks::register);
        return new FollowUpService(engine.getProcessEngine(), locks);
    }

    private Map<String, Object> lockedDelegates;
    private java.util.concurrent.CountDownLatch numberLocked;

    /** Runs job {@code jobId} on another thread, as a job executor thread would (the delegates are per thread). */
    private java.util.concurrent.CompletableFuture<Void> executeJobOnAnotherThread(String jobId) {
        Map<String, Object> delegates = lockedDelegates;
        return java.util.concurrent.CompletableFuture.runAsync(() -> {
            delegates.forEach(Mocks::register);
            try {
                engine.getProcessEngine().getManagementService().executeJob(jobId);
            } finally {
                Mocks.reset();
            }
        });
    }

    /** A booked follow-up (cb-1, which Talkdesk cancels when asked) sent to the review by a refused reschedule. */
    private static ProcessInstance inReviewAfterARefusedReschedule() {
        ProcessInstance instance = bookedFollowUp();
        talkdesk.stubFor(delete(LIST + "/cb-1").willReturn(aResponse().withStatus(204)));
        runtimeService().createMessageCorrelation(Messages.RESCHEDULE_REQUESTED)
                .processInstanceId(instance.getId()).setVariable(Variables.CALLBACK_TIME, "yesterday").correlate();
        runJobs(instance);
        assertThat(instance).isWaitingAt(Elements.TASK_REVIEW);
        return instance;
    }

    private static void assertEndedHavingCancelledItsCallback(ProcessInstance instance) {
        assertThat(instance).isEnded().hasPassed(Elements.TASK_CANCEL, Elements.END_CANCELLED).variables()
                .containsEntry(Variables.CALLBACK_STATUS, Status.CANCELLED);
        talkdesk.verify(1, deleteRequestedFor(urlEqualTo(LIST + "/cb-1")));
    }

    /** Rebuilds the delegates with changed calling windows, as a host's settings would. */
    private void withWindows(java.util.function.Consumer<TalkdeskProperties.Windows> change) {
        change.accept(settings.getWindows());
        TalkdeskStandIn.registerDelegates(settings, service, clock);
    }

    private static LocalDate nextSundayAfterTomorrow() {
        LocalDate day = LocalDate.now(ZoneId.of("Europe/Lisbon")).plusDays(2);
        while (day.getDayOfWeek() != java.time.DayOfWeek.SUNDAY) {
            day = day.plusDays(1);
        }
        return day;
    }

    /** Starting a follow-up: one per ticket, the ticket as business key. */
    @Nested
    @Deployment(resources = "support-follow-up.bpmn")
    class Starting {
        @Test
        void shouldStartFromTicketResolvedMessageWithTicketAsBusinessKey() {
            givenNoActiveCallback();
            givenTalkdeskBooks("cb-1");

            ProcessInstance instance = runtimeService().createMessageCorrelation(Messages.TICKET_RESOLVED)
                    .processInstanceBusinessKey(TICKET).setVariables(request()).correlateStartMessage();
            runJobs(instance);

            assertThat(instance).hasBusinessKey(TICKET).hasPassed(Elements.START_TICKET_RESOLVED, Elements.TASK_SCHEDULE)
                    .variables().containsEntry(Variables.CALLBACK_STATUS, Status.SCHEDULED);
        }

        @Test
        void shouldUseTicketIdAsBusinessKeyWhenStartedWithoutOne() {
            givenNoActiveCallback();
            givenTalkdeskBooks("cb-1");

            ProcessInstance instance = runtimeService().startProcessInstanceByKey(PROCESS_KEY, request());

            assertThat(instance).hasBusinessKey(TICKET);
        }

        @Test
        void shouldRefuseAStartWhoseBusinessKeyNamesAnotherTicket() {
            Map<String, Object> variables = request();
            variables.put(Variables.TICKET_ID, "T-E4");

            assertThatThrownBy(() -> runtimeService().startProcessInstanceByKey(PROCESS_KEY, "CASE-77", variables))
                    .isInstanceOf(org.camunda.bpm.engine.BadUserRequestException.class).hasMessageContaining("TDCB-P012")
                    .hasMessageContaining("CASE-77").hasMessageContaining("T-E4");
            assertThat(runtimeService().createProcessInstanceQuery().count()).isZero();
        }

        @Test
        void shouldFindTheRunningFollowUpOfAPaddedTicket() {
            Map<String, Object> variables = request();
            variables.put(Variables.TICKET_ID, " T-1 ");
            ProcessInstance first = runtimeService().startProcessInstanceByKey(PROCESS_KEY, variables);
            assertThat(first.getBusinessKey()).isEqualTo("T-1");
            FollowUpService followUps = withLocks();

            FollowUpService.Started again = followUps.startOrFind("T-1", variables);

            assertThat(again).isEqualTo(new FollowUpService.Started(first.getId(), false));
            assertThatThrownBy(() -> runtimeService().startProcessInstanceByKey(PROCESS_KEY, " T-1", variables))
                    .hasMessageContaining("TDCB-P011");
        }

        @Test
        void shouldRefuseASecondFollowUpNamingTheRunningOneAndAllowANewOneOnceItEnded() {
            ProcessInstance first = runtimeService().startProcessInstanceByKey(PROCESS_KEY, request());

            assertThatThrownBy(() -> runtimeService().startProcessInstanceByKey(PROCESS_KEY, request()))
                    .isInstanceOfSatisfying(FollowUpAlreadyRunningException.class,
                            refused -> assertThat(refused.runningProcessInstanceId()).isEqualTo(first.getId()));
            runtimeService().deleteProcessInstance(first.getId(), "test: the follow-up ended");
            ProcessInstance next = runtimeService().startProcessInstanceByKey(PROCESS_KEY, request());

            assertThat(next.getId()).isNotEqualTo(first.getId());
            assertThat(next).hasBusinessKey(TICKET);
        }

        @Test
        void shouldCountOnlyFollowUpsOfTheTicketAndNotOtherProcessesWithTheSameBusinessKey() {
            String other = repositoryService().createDeployment().addModelInstance("other.bpmn",
                    Bpmn.createExecutableProcess("other-process").startEvent().userTask().endEvent().done()).deploy()
                    .getId();
            try {
                ProcessInstance otherProcess = runtimeService().startProcessInstanceByKey("other-process", TICKET);
                Map<String, Object> otherTicket = request();
                otherTicket.put(Variables.TICKET_ID, "T-OTHER");
                runtimeService().startProcessInstanceByKey(PROCESS_KEY, otherTicket);

                ProcessInstance instance = runtimeService().startProcessInstanceByKey(PROCESS_KEY, request());

                assertThat(instance).hasBusinessKey(TICKET);
                complete(task(otherProcess));
            } finally {
                repositoryService().deleteDeployment(other, true);
            }
        }

        @Test
        void shouldKeepOneFollowUpPerTicketWithinEachTenant() throws Exception {
            String tenantDeployment;
            try (var model = SupportFollowUpProcessTest.class.getClassLoader()
                    .getResourceAsStream("support-follow-up.bpmn")) {
                tenantDeployment = repositoryService().createDeployment().tenantId("acme")
                        .addInputStream("support-follow-up.bpmn", model).deploy().getId();
            }
            try {
                ProcessInstance withoutTenant = runtimeService().createProcessInstanceByKey(PROCESS_KEY)
                        .processDefinitionWithoutTenantId().setVariables(request()).execute();

                ProcessInstance acme = runtimeService().createProcessInstanceByKey(PROCESS_KEY)
                        .processDefinitionTenantId("acme").setVariables(request()).execute();

                assertThat(acme.getId()).isNotEqualTo(withoutTenant.getId());
                assertThatThrownBy(() -> runtimeService().createProcessInstanceByKey(PROCESS_KEY)
                        .processDefinitionTenantId("acme").setVariables(request()).execute())
                        .isInstanceOfSatisfying(FollowUpAlreadyRunningException.class,
                                refused -> assertThat(refused.runningProcessInstanceId()).isEqualTo(acme.getId()));
            } finally {
                repositoryService().deleteDeployment(tenantDeployment, true);
            }
        }

        @Test
        void shouldCarryTheValidatedRequestSoLaterStepsNeverJudgeTheInputsAgain() {
            givenNoActiveCallback();
            givenTalkdeskBooks("cb-1");
            ProcessInstance instance = startFollowUp(request());
            managementService().executeJob(managementService().createJobQuery().processInstanceId(instance.getId())
                    .singleResult().getId());
            assertThat(instance).hasPassed(Elements.TASK_VALIDATE).isWaitingAt(Elements.TASK_FIND_ACTIVE);
            runtimeService().setVariable(instance.getId(), Variables.PHONE_NUMBER, "not a number any more");

            runJobs(instance);

            assertThat(instance).isWaitingAt(Elements.GATEWAY_AWAIT_CALLBACK).variables()
                    .containsEntry(Variables.CALLBACK_STATUS, Status.SCHEDULED)
                    .hasEntrySatisfying(Variables.CALLBACK_REQUEST, json -> assertThat((String) json)
                            .contains("\"phoneNumber\":\"" + PHONE + "\"").contains("\"timezone\":\"Europe/Lisbon\""));
            talkdesk.verify(1, postRequestedFor(urlEqualTo(LIST))
                    .withRequestBody(matchingJsonPath("$.phone_number", equalTo(PHONE))));
        }
    }

    /** Booking: one look under the lock, then a new callback or the active one moved. */
    @Nested
    @Deployment(resources = "support-follow-up.bpmn")
    class Booking {
        @Test
        void shouldScheduleNewCallbackWhenNoActiveCallbackExists() {
            givenNoActiveCallback();
            givenTalkdeskBooks("cb-1");

            ProcessInstance instance = startFollowUp(request());
            runJobs(instance);

            assertThat(instance).hasPassed(Elements.TASK_VALIDATE, Elements.TASK_FIND_ACTIVE, Elements.TASK_SCHEDULE)
                    .isWaitingAt(Elements.GATEWAY_AWAIT_CALLBACK)
                    .variables().containsEntry(Variables.CALLBACK_ID, "cb-1")
                    .containsEntry(Variables.CALLBACK_STATUS, Status.SCHEDULED)
                    .containsEntry(Variables.CALLBACK_SCHEDULED_TIME, callbackTime);
            talkdesk.verify(1, postRequestedFor(urlEqualTo(LIST))
                    .withRequestBody(matchingJsonPath("$.phone_number", equalTo(PHONE)))
                    .withRequestBody(matchingJsonPath("$.ring_groups[0].ring_group", equalTo("support-tier-1")))
                    .withRequestBody(matchingJsonPath("$.notes",
                            matching("\\[ticket:T-1001 #[0-9a-f]{8}\\] Invoice question"))));
        }

        @Test
        void shouldBookWithoutActivityLocalCopiesOfTheFollowUpsVariables() {
            givenNoActiveCallback();
            givenTalkdeskBooks("cb-1");

            ProcessInstance instance = startFollowUp(request());
            runJobs(instance);

            assertThat(instance).isWaitingAt(Elements.GATEWAY_AWAIT_CALLBACK);
            // the templates' identity inputs (phoneNumber = ${execution.getVariable('phoneNumber')}) are left out
            assertThat(historyService().createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
                    .list()).isNotEmpty().allSatisfy(variable -> assertThat(variable.getActivityInstanceId())
                            .as(variable.getName()).isEqualTo(instance.getId()));
        }

        @Test
        void shouldLeaveOutOnlyTheMappingsThatCopyAVariableOntoItselfOnThePluginsOwnTasks() {
            BpmnModelInstance model = Bpmn.createExecutableProcess("mappings").startEvent()
                    .serviceTask("ours").camundaDelegateExpression("${scheduleCallback}")
                    .camundaInputParameter("phoneNumber", "${execution.getVariable('phoneNumber')}")
                    .camundaInputParameter("notes", "${execution.getVariable('ticketNotes')}")
                    .camundaInputParameter("callbackId", "${execution.getVariable('callbackId')}")
                    .camundaInputParameter("callbackTime", "${callbackTime}")
                    .camundaOutputParameter("callbackStatus", "${execution.getVariable('callbackStatus')}")
                    .camundaOutputParameter("bookedAs", "${execution.getVariable('callbackId')}")
                    .serviceTask("theirs").camundaDelegateExpression("${someoneElses}")
                    .camundaInputParameter("phoneNumber", "${execution.getVariable('phoneNumber')}")
                    .endEvent().done();
            String deployment = repositoryService().createDeployment().addModelInstance("mappings.bpmn", model)
                    .deploy().getId();
            try {
                String id = repositoryService().createProcessDefinitionQuery().deploymentId(deployment)
                        .singleResult().getId();
                ProcessDefinitionEntity parsed = (ProcessDefinitionEntity) ((RepositoryServiceImpl) repositoryService())
                        .getDeployedProcessDefinition(id);
                IoMapping ours = parsed.findActivity("ours").getIoMapping();
                assertThat(ours.getInputParameters()).extracting(IoParameter::getName)
                        .containsExactly("notes", "callbackId", "callbackTime"); // callbackId: written, no output
                assertThat(ours.getOutputParameters()).extracting(IoParameter::getName).containsExactly("bookedAs");
                assertThat(parsed.findActivity("theirs").getIoMapping().getInputParameters())
                        .extracting(IoParameter::getName).containsExactly("phoneNumber");
            } finally {
                repositoryService().deleteDeployment(deployment, true);
            }
        }

        @Test
        void shouldBookWithTwoTalkdeskCallsLookingOnceUnderTheLock() {
            givenListed(callback("cb-old", "SUCCESS", "[ticket:T-0999] older"), callback("cb-dropped", "CANCELED",
                    "[ticket:T-0998] dropped"));
            givenTalkdeskBooks("cb-1");

            ProcessInstance instance = startFollowUp(request());
            runJobs(instance);

            assertThat(instance).isWaitingAt(Elements.GATEWAY_AWAIT_CALLBACK).variables()
                    .containsEntry(Variables.CALLBACK_ID, "cb-1");
            talkdesk.verify(1, wholeHistoryLists().withQueryParam("page", equalTo("1")));
            talkdesk.verify(0, statusLists());
            talkdesk.verify(1, postRequestedFor(urlEqualTo(LIST)));
            assertThat(apiCalls()).as("the unfiltered list and the create, token aside").isEqualTo(2);
        }

        @Test
        void shouldUpdateWithTwoTalkdeskCalls() {
            givenListed(callback("cb-old", "SUCCESS", "older ticket"), callback("cb-9", "UNATTEMPTED",
                    "other ticket"));
            givenTalkdeskUpdates("cb-9");

            ProcessInstance instance = startFollowUp(request());
            runJobs(instance);

            assertThat(instance).isWaitingAt(Elements.GATEWAY_AWAIT_CALLBACK).variables()
                    .containsEntry(Variables.CALLBACK_ID, "cb-9").containsEntry(Variables.CALLBACK_STATUS,
                            Status.UPDATED);
            talkdesk.verify(1, wholeHistoryLists());
            talkdesk.verify(1, patchRequestedFor(urlEqualTo(LIST + "/cb-9")));
            assertThat(apiCalls()).as("the unfiltered list and the patch, token aside").isEqualTo(2);
        }

        @Test
        void shouldBookWithFourTalkdeskCallsWhenTheNumbersCallbacksDoNotFitOnePage() {
            givenListed(); // no active callback on either status list
            givenALongHistory();
            givenTalkdeskBooks("cb-1");

            ProcessInstance instance = startFollowUp(request());
            runJobs(instance);

            assertThat(instance).isWaitingAt(Elements.GATEWAY_AWAIT_CALLBACK).variables()
                    .containsEntry(Variables.CALLBACK_ID, "cb-1");
            talkdesk.verify(1, wholeHistoryLists());
            talkdesk.verify(1, getRequestedFor(urlPathEqualTo(LIST)).withQueryParam("status", equalTo("UNATTEMPTED")));
            talkdesk.verify(1, getRequestedFor(urlPathEqualTo(LIST)).withQueryParam("status", equalTo("TO_BE_RETRIED")));
            talkdesk.verify(1, postRequestedFor(urlEqualTo(LIST)));
            assertThat(apiCalls()).as("the unfiltered list, 2 status lists and the create").isEqualTo(4);
        }

        @Test
        void shouldUpdateTheActiveCallbackOfALongHistoryFoundOnAStatusList() {
            givenListed(callback("cb-8", "TO_BE_RETRIED", "other ticket"));
            givenALongHistory();
            givenTalkdeskUpdates("cb-8");

            ProcessInstance instance = startFollowUp(request());
            runJobs(instance);

            assertThat(instance).hasPassed(Elements.TASK_UPDATE).variables()
                    .containsEntry(Variables.CALLBACK_ID, "cb-8").containsEntry(Variables.CALLBACK_STATUS, Status.UPDATED);
            talkdesk.verify(0, postRequestedFor(urlEqualTo(LIST)));
            talkdesk.verify(2, statusLists());
        }

        @Test
        void shouldUpdateActiveCallbackInsteadOfBookingAnother() {
            givenActiveCallback("UNATTEMPTED", "cb-9");
            givenTalkdeskUpdates("cb-9");

            ProcessInstance instance = startFollowUp(request());
            runJobs(instance);

            assertThat(instance).hasPassed(Elements.TASK_UPDATE).hasNotPassed(Elements.TASK_SCHEDULE)
                    .variables().containsEntry(Variables.CALLBACK_ID, "cb-9")
                    .containsEntry(Variables.CALLBACK_STATUS, Status.UPDATED);
            talkdesk.verify(0, postRequestedFor(urlEqualTo(LIST)));
            talkdesk.verify(1, patchRequestedFor(urlEqualTo(LIST + "/cb-9")));
        }

        @Test
        void shouldUpdateCallbackAwaitingRetryWhenItIsTheDuplicate() {
            givenActiveCallback("TO_BE_RETRIED", "cb-8");
            givenTalkdeskUpdates("cb-8");

            ProcessInstance instance = startFollowUp(request());
            runJobs(instance);

            assertThat(instance).hasPassed(Elements.TASK_UPDATE).variables()
                    .containsEntry(Variables.CALLBACK_ID, "cb-8").containsEntry(Variables.CALLBACK_STATUS, Status.UPDATED);
            talkdesk.verify(0, postRequestedFor(urlEqualTo(LIST)));
        }

        @Test
        void shouldBookNewCallbackWhenActiveOneVanishedBeforeUpdate() {
            givenActiveCallback("UNATTEMPTED", "cb-9");
            talkdesk.stubFor(patch(urlEqualTo(LIST + "/cb-9")).willReturn(aResponse().withStatus(404)));
            givenTalkdeskBooks("cb-2");

            ProcessInstance instance = startFollowUp(request());
            runJobs(instance);

            assertThat(instance).hasPassed(Elements.TASK_UPDATE, Elements.TASK_SCHEDULE).variables()
                    .containsEntry(Variables.CALLBACK_ID, "cb-2").containsEntry(Variables.CALLBACK_STATUS,
                            Status.SCHEDULED);
        }

        @Test
        void shouldNotTakeAnotherFollowUpsCallbackOfTheSameTicketForItsOwn() {
            // an earlier follow-up of this ticket left an active callback; this one must update it, not adopt it as is
            givenNoActiveCallback();
            ProcessInstance instance = startFollowUp(request());
            runJobs(instance, 1);
            givenListed(callback("cb-earlier", "UNATTEMPTED", "[ticket:" + TICKET + "] old"));
            givenTalkdeskUpdates("cb-earlier");

            runJobs(instance);

            assertThat(instance).isWaitingAt(Elements.GATEWAY_AWAIT_CALLBACK).variables()
                    .containsEntry(Variables.CALLBACK_ID, "cb-earlier").containsEntry(Variables.CALLBACK_STATUS,
                            Status.UPDATED);
            talkdesk.verify(1, patchRequestedFor(urlEqualTo(LIST + "/cb-earlier")));
            talkdesk.verify(0, postRequestedFor(urlEqualTo(LIST)));
        }

        @Test
        void shouldMoveTheBookedCallbackToTheCorrectedNumberNotLeaveItBehind() {
            ProcessInstance instance = inReviewAfterARefusedReschedule();
            givenTalkdeskUpdates("cb-1");

            complete(task(instance), Map.of(Variables.PHONE_NUMBER, "+351919999999", Variables.CALLBACK_TIME,
                    withTime().get(Variables.CALLBACK_TIME), Variables.REVIEW_GIVE_UP, false));
            runJobs(instance);

            assertThat(instance).isWaitingAt(Elements.GATEWAY_AWAIT_CALLBACK).variables()
                    .containsEntry(Variables.CALLBACK_ID, "cb-1").containsEntry(Variables.CALLBACK_STATUS, Status.UPDATED);
            talkdesk.verify(1, patchRequestedFor(urlEqualTo(LIST + "/cb-1"))
                    .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("+351919999999")));
            talkdesk.verify(1, postRequestedFor(urlEqualTo(LIST)));
        }
    }

    /** Exactly once: a booking whose answer was lost is found, not booked twice. */
    @Nested
    @Deployment(resources = "support-follow-up.bpmn")
    class LostAnswers {
        @Test
        void shouldAdoptCallbackBookedBeforeItsAnswerWasLost() {
            talkdesk.stubFor(get(urlPathEqualTo(LIST)).inScenario("lost answer").whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(okJson(page())));
            talkdesk.stubFor(post(LIST).inScenario("lost answer").whenScenarioStateIs(Scenario.STARTED)
                    .willSetStateTo("booked").willReturn(aResponse().withStatus(201).withFixedDelay(8000)
                            .withHeader("Content-Type", "application/json")
                            .withBody(callback("cb-lost", "UNATTEMPTED", "[ticket:" + TICKET + "] Invoice question"))));
            givenListed(stub -> stub.inScenario("lost answer").whenScenarioStateIs("booked"),
                    callback("cb-lost", "UNATTEMPTED", "[ticket:" + TICKET + "] Invoice question"));
            ProcessInstance instance = startFollowUp(request());
            runJobsUntilOneFails(instance);
            Job schedule = job(Elements.TASK_FIND_ACTIVE, instance);
            assertThat(schedule.getExceptionMessage()).contains("Schedule callback").contains("no answer");

            managementService().executeJob(schedule.getId());

            assertThat(instance).isWaitingAt(Elements.GATEWAY_AWAIT_CALLBACK)
                    .variables().containsEntry(Variables.CALLBACK_ID, "cb-lost")
                    .containsEntry(Variables.CALLBACK_STATUS, Status.SCHEDULED);
            talkdesk.verify(1, postRequestedFor(urlEqualTo(LIST)));
        }

        @Test
        void shouldAdoptTheLostBookingEvenWhenAnAgentReplacedItsNotes() {
            String edited = callback("cb-lost", "UNATTEMPTED", "Customer prefers mornings");

            ProcessInstance instance = bookingWhoseAnswerWasLost(edited, edited);

            assertThat(instance).isWaitingAt(Elements.GATEWAY_AWAIT_CALLBACK).variables()
                    .containsEntry(Variables.CALLBACK_ID, "cb-lost").doesNotContainKey(BookingAttempt.VARIABLE);
            talkdesk.verify(1, postRequestedFor(urlEqualTo(LIST)));
        }

        @Test
        void shouldAdoptTheLostBookingEvenWhenTalkdeskAlreadyCalledTheCustomer() {
            ProcessInstance instance = bookingWhoseAnswerWasLost(null,
                    sentNotes -> callback("cb-lost", "SUCCESS", sentNotes));

            assertThat(instance).isWaitingAt(Elements.GATEWAY_AWAIT_CALLBACK).variables()
                    .containsEntry(Variables.CALLBACK_ID, "cb-lost");
            talkdesk.verify(1, postRequestedFor(urlEqualTo(LIST)));
        }

        @Test
        void shouldBookAnewNotAdoptAnEarlierFollowUpsFinishedCallbackAfterALostAnswer() {
            // an earlier follow-up of the same ticket was called (SUCCESS, ticket mark, same time and caller ID)
            ProcessInstance instance = bookingWhoseAnswerWasLost(null,
                    sentNotes -> callback("cb-old", "SUCCESS", "[ticket:" + TICKET + "] Invoice question"));

            assertThat(instance).isWaitingAt(Elements.GATEWAY_AWAIT_CALLBACK).variables()
                    .containsEntry(Variables.CALLBACK_ID, "cb-duplicate").doesNotContainKey(BookingAttempt.VARIABLE);
            talkdesk.verify(2, postRequestedFor(urlEqualTo(LIST)));
        }

        @Test
        void shouldBookAnewNotAdoptAnOldFinishedCallbackWhenTheFirstCreateAnswered503() {
            // issue case 1: Talkdesk answered 503, so it did nothing; the number has an earlier follow-up's callback
            givenListed(callback("cb-old", "SUCCESS", "[ticket:" + TICKET + "] Invoice question"));
            talkdesk.stubFor(post(LIST).inScenario("503").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("up")
                    .willReturn(aResponse().withStatus(503)));
            talkdesk.stubFor(post(LIST).inScenario("503").whenScenarioStateIs("up")
                    .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                            .withBody(callback("cb-new", "UNATTEMPTED", "[ticket:" + TICKET + "]"))));
            ProcessInstance instance = startFollowUp(request());
            Job failed = runJobsUntilOneFails(instance);
            assertThat(failed.getExceptionMessage()).contains("HTTP 503");
            assertThat(runtimeService().getVariable(instance.getId(), BookingAttempt.VARIABLE)).isNull();

            managementService().executeJob(failed.getId());

            assertThat(instance).isWaitingAt(Elements.GATEWAY_AWAIT_CALLBACK).variables()
                    .containsEntry(Variables.CALLBACK_ID, "cb-new").containsEntry(Variables.CALLBACK_STATUS,
                            Status.SCHEDULED);
            talkdesk.verify(2, postRequestedFor(urlEqualTo(LIST)));
            talkdesk.verify(2, wholeHistoryLists()); // one look per try, both without an active callback
            talkdesk.verify(0, getRequestedFor(urlPathEqualTo(LIST)).withQueryParam("status", absent())
                    .withQueryParam("per_page", equalTo("50"))); // no search for a lost booking's callback
        }

        @Test
        void shouldDropTheLostBookingAttemptWhenTheStepEndsInABpmnError() {
            // the answer is lost; on the retry Talkdesk shows no such booking and refuses the new one
            talkdesk.stubFor(get(urlPathEqualTo(LIST)).willReturn(okJson(page())));
            talkdesk.stubFor(post(LIST).inScenario("refused").whenScenarioStateIs(Scenario.STARTED)
                    .willSetStateTo("refusing").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
            talkdesk.stubFor(post(LIST).inScenario("refused").whenScenarioStateIs("refusing")
                    .willReturn(aResponse().withStatus(422).withHeader("Content-Type", "application/json")
                            .withBody("{\"code\":\"INVALID_CALLER_ID\",\"message\":\"caller_id is not owned\"}")));
            ProcessInstance instance = startFollowUp(request());
            Job failed = runJobsUntilOneFails(instance);
            assertThat(runtimeService().getVariable(instance.getId(), BookingAttempt.VARIABLE)).isNotNull();

            managementService().executeJob(failed.getId());

            assertThat(instance).isWaitingAt(Elements.TASK_REVIEW).variables()
                    .containsEntry(Variables.CALLBACK_REJECTION_CODE, Errors.CALLBACK_REJECTED)
                    .doesNotContainKey(BookingAttempt.VARIABLE);
        }

        @Test
        void shouldFinishWithoutDuplicateWhenOperatorRetriesIncidentAfterRecovery() {
            // the first POST books cb-5 but its answer is lost, then Talkdesk is down until the operator retries
            talkdesk.stubFor(get(urlPathEqualTo(LIST)).inScenario("outage").whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(okJson(page())));
            talkdesk.stubFor(post(LIST).inScenario("outage").whenScenarioStateIs(Scenario.STARTED)
                    .willSetStateTo("down").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
            talkdesk.stubFor(any(urlPathEqualTo(LIST)).inScenario("outage").whenScenarioStateIs("down")
                    .willReturn(aResponse().withStatus(503)));
            talkdesk.stubFor(get(urlPathEqualTo(LIST)).inScenario("outage").whenScenarioStateIs("recovered")
                    .willReturn(okJson(page(callback("cb-5", "UNATTEMPTED", "[ticket:" + TICKET + "] Invoice question")))));
            talkdesk.stubFor(post(LIST).inScenario("outage").whenScenarioStateIs("recovered")
                    .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                            .withBody(callback("cb-duplicate", "UNATTEMPTED", "[ticket:" + TICKET + "]"))));
            ProcessInstance instance = startFollowUp(request());
            runJobsUntilOneFails(instance);
            failJobUntilRetriesRunOut(job(Elements.TASK_FIND_ACTIVE, instance));
            assertThat(runtimeService().createIncidentQuery().processInstanceId(instance.getId()).count()).isOne();

            talkdesk.setScenarioState("outage", "recovered");
            String scheduleJob = job(Elements.TASK_FIND_ACTIVE, instance).getId();
            managementService().setJobRetries(scheduleJob, 1);
            managementService().executeJob(scheduleJob);

            assertThat(instance).isWaitingAt(Elements.GATEWAY_AWAIT_CALLBACK)
                    .variables().containsEntry(Variables.CALLBACK_ID, "cb-5");
            talkdesk.verify(1, postRequestedFor(urlEqualTo(LIST)));
            assertThat(runtimeService().createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();
        }
    }

    /** Talkdesk down or slow: retries, incidents, Retry-After, a time that passed meanwhile. */
    @Nested
    @Deployment(resources = "support-follow-up.bpmn")
    class TalkdeskDown {
        @Test
        void shouldRaiseIncidentNamingStatusWhenTalkdeskKeepsFailing() {
            talkdesk.stubFor(get(urlPathEqualTo(LIST)).willReturn(aResponse().withStatus(503)));
            ProcessInstance instance = startFollowUp(request());
            runJobsUntilOneFails(instance);

            failJobUntilRetriesRunOut(job(Elements.TASK_FIND_ACTIVE, instance));

            Incident incident = runtimeService().createIncidentQuery().processInstanceId(instance.getId())
                    .singleResult();
            assertThat(incident).isNotNull();
            assertThat(incident.getActivityId()).isEqualTo(Elements.TASK_FIND_ACTIVE);
            assertThat(incident.getIncidentMessage()).contains("Find active callback").contains(TICKET)
                    .contains("HTTP 503").doesNotContain("912345678").doesNotContain("secret");
            talkdesk.verify(3, wholeHistoryLists()); // one look per try, each failing at its first request
            talkdesk.verify(0, statusLists());
        }

        @Test
        void shouldWaitAsLongAsTalkdeskAsksWhenRateLimited() {
            talkdesk.stubFor(get(urlPathEqualTo(LIST)).willReturn(aResponse().withStatus(429)
                    .withHeader("Retry-After", "600")));
            ProcessInstance instance = startFollowUp(request());
            runJobsUntilOneFails(instance);
            Date before = new Date();

            Job find = job(Elements.TASK_FIND_ACTIVE, instance);
            try {
                managementService().executeJob(find.getId());
            } catch (RuntimeException expected) {
                // rate limited
            }

            Job retried = managementService().createJobQuery().jobId(find.getId()).singleResult();
            assertThat(retried.getDuedate()).isAfterOrEqualTo(new Date(before.getTime() + 600_000 - 1_000));
            assertThat(retried.getExceptionMessage()).contains("429").contains("Retry-After 600s");
        }

        @Test
        void shouldAskSupervisorWhenTheCallbackTimePassedWhileTalkdeskWasDown() {
            talkdesk.stubFor(get(urlPathEqualTo(LIST)).willReturn(aResponse().withStatus(503)));
            ProcessInstance instance = startFollowUp(request());
            runJobsUntilOneFails(instance);
            Job find = managementService().createJobQuery().processInstanceId(instance.getId()).singleResult();
            assertThat(find.getExceptionMessage()).as("Talkdesk is down: the look fails and is retried")
                    .contains("503");

            clock.advance(Duration.ofDays(1));
            givenNoActiveCallback();
            givenTalkdeskBooks("cb-late");
            managementService().executeJob(find.getId());

            assertThat(instance).hasPassed(Elements.EVENT_FIND_TIME_PASSED).isWaitingAt(Elements.TASK_REVIEW).variables()
                    .containsEntry(Variables.CALLBACK_REJECTION_CODE, Errors.INVALID_CALLBACK_REQUEST)
                    .hasEntrySatisfying(Variables.CALLBACK_REJECTION_MESSAGE, message -> assertThat((String) message)
                            .contains("callbackTime").contains("passed while Talkdesk could not be reached"));
            talkdesk.verify(0, postRequestedFor(urlEqualTo(LIST)));
            assertThat(runtimeService().createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();
        }

        @Test
        void shouldAskSupervisorWhenTheTimePassedWhileTheBookingFailed() {
            givenNoActiveCallback();
            talkdesk.stubFor(post(LIST).willReturn(aResponse().withStatus(503)));
            ProcessInstance instance = startFollowUp(request());
            runJobsUntilOneFails(instance);
            Job schedule = managementService().createJobQuery().processInstanceId(instance.getId()).singleResult();
            assertThat(instance).isWaitingAt(Elements.TASK_FIND_ACTIVE); // Schedule runs in Find's job

            clock.advance(Duration.ofDays(1));
            givenTalkdeskBooks("cb-late");
            managementService().executeJob(schedule.getId());

            assertThat(instance).hasPassed(Elements.EVENT_FIND_TIME_PASSED).isWaitingAt(Elements.TASK_REVIEW);
            talkdesk.verify(1, postRequestedFor(urlEqualTo(LIST)));
        }

        @Test
        void shouldAskSupervisorWhenTheTimePassedBetweenTheLookAndTheBooking() {
            givenNoActiveCallback();
            givenTalkdeskBooks("cb-late");
            lookTakesADay();
            ProcessInstance instance = startFollowUp(request());

            runJobs(instance);

            assertThat(instance).hasPassed(Elements.TASK_FIND_ACTIVE, Elements.EVENT_SCHEDULE_TIME_PASSED)
                    .isWaitingAt(Elements.TASK_REVIEW);
            talkdesk.verify(0, postRequestedFor(urlEqualTo(LIST)));
        }

        @Test
        void shouldAskSupervisorWhenTheTimePassedBetweenTheLookAndTheUpdate() {
            givenActiveCallback("UNATTEMPTED", "cb-9");
            givenTalkdeskUpdates("cb-9");
            lookTakesADay();
            ProcessInstance instance = startFollowUp(request());

            runJobs(instance);

            assertThat(instance).hasPassed(Elements.TASK_FIND_ACTIVE, Elements.EVENT_UPDATE_TIME_PASSED)
                    .isWaitingAt(Elements.TASK_REVIEW);
            talkdesk.verify(0, patchRequestedFor(urlEqualTo(LIST + "/cb-9")));
        }

        @Test
        void shouldAskSupervisorWhenTheTimePassedWhileTheUpdateFailed() {
            givenActiveCallback("UNATTEMPTED", "cb-9");
            talkdesk.stubFor(patch(urlEqualTo(LIST + "/cb-9")).willReturn(aResponse().withStatus(503)));
            ProcessInstance instance = startFollowUp(request());
            runJobsUntilOneFails(instance);
            Job update = managementService().createJobQuery().processInstanceId(instance.getId()).singleResult();
            assertThat(instance).isWaitingAt(Elements.TASK_FIND_ACTIVE); // Update runs in Find's job

            clock.advance(Duration.ofDays(1));
            givenTalkdeskUpdates("cb-9");
            managementService().executeJob(update.getId());

            assertThat(instance).hasPassed(Elements.EVENT_FIND_TIME_PASSED).isWaitingAt(Elements.TASK_REVIEW);
            talkdesk.verify(1, patchRequestedFor(urlEqualTo(LIST + "/cb-9")));
        }
    }

    /** The review: bad input and Talkdesk refusals go to a supervisor, who fixes or gives up. */
    @Nested
    @Deployment(resources = "support-follow-up.bpmn")
    class Review {
        @Test
        void shouldAskSupervisorNamingEveryBadFieldWhenRequestIsInvalid() {
            Map<String, Object> variables = request();
            variables.put(Variables.PHONE_NUMBER, "12");
            variables.put(Variables.TIMEZONE, "Mars/Olympus");

            ProcessInstance instance = startFollowUp(variables);
            runJobs(instance);

            assertThat(instance).isWaitingAt(Elements.TASK_REVIEW).hasNotPassed(Elements.TASK_FIND_ACTIVE);
            assertThat(task()).hasCandidateGroup(SupportFollowUpProcess.Groups.SUPERVISORS);
            assertThat(instance).variables().containsEntry(Variables.CALLBACK_REJECTION_CODE,
                    Errors.INVALID_CALLBACK_REQUEST);
            assertThat((String) runtimeService().getVariable(instance.getId(), Variables.CALLBACK_REJECTION_MESSAGE))
                    .contains("phoneNumber").contains("timezone");
            talkdesk.verify(0, getRequestedFor(urlPathEqualTo(LIST)));
        }

        @Test
        void shouldBookCorrectedRequestAfterSupervisorReviewWhenTalkdeskRejected() {
            givenNoActiveCallback();
            talkdesk.stubFor(post(LIST).withRequestBody(matchingJsonPath("$.caller_id", equalTo("+14155550100")))
                    .willReturn(aResponse().withStatus(422).withHeader("Content-Type", "application/json")
                            .withBody("{\"code\":\"INVALID_CALLER_ID\",\"message\":\"Caller ID not owned\","
                                    + "\"fields\":[{\"name\":\"caller_id\",\"description\":\"not owned\"}]}")));
            talkdesk.stubFor(post(LIST).withRequestBody(matchingJsonPath("$.caller_id", equalTo("+351210000000")))
                    .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                            .withBody(callback("cb-3", "UNATTEMPTED", "x"))));
            ProcessInstance instance = startFollowUp(request());
            runJobs(instance);
            assertThat(instance).isWaitingAt(Elements.TASK_REVIEW).variables()
                    .containsEntry(Variables.CALLBACK_REJECTION_CODE, Errors.CALLBACK_REJECTED);
            assertThat((String) runtimeService().getVariable(instance.getId(), Variables.CALLBACK_REJECTION_MESSAGE))
                    .isEqualTo("Caller ID +1 415-555-0100 is not a number your Talkdesk account owns");
            assertThat((String) runtimeService().getVariable(instance.getId(), Variables.CALLBACK_REJECTION_DETAIL))
                    .contains("INVALID_CALLER_ID").contains("HTTP 422").contains("caller_id: not owned");

            complete(task(), Map.of(Variables.CALLER_ID, "+351210000000", Variables.REVIEW_GIVE_UP, false));
            runJobs(instance);

            assertThat(instance).isWaitingAt(Elements.GATEWAY_AWAIT_CALLBACK)
                    .variables().containsEntry(Variables.CALLBACK_ID, "cb-3")
                    .containsEntry(Variables.CALLBACK_STATUS, Status.SCHEDULED)
                    .doesNotContainKey(Variables.CALLBACK_REJECTION_CODE);
        }

        @Test
        void shouldAskSupervisorWhenTalkdeskRejectsUpdate() {
            givenActiveCallback("UNATTEMPTED", "cb-9");
            talkdesk.stubFor(patch(urlEqualTo(LIST + "/cb-9")).willReturn(aResponse().withStatus(422)
                    .withBody("{\"code\":\"INVALID_AGENT\",\"message\":\"unknown ring group\"}")));

            ProcessInstance instance = startFollowUp(request());
            runJobs(instance);

            assertThat(instance).isWaitingAt(Elements.TASK_REVIEW).variables()
                    .containsEntry(Variables.CALLBACK_REJECTION_CODE, Errors.CALLBACK_REJECTED);
        }

        @Test
        void shouldAskSupervisorWhenTalkdeskRefusesTheLookForAnActiveCallback() {
            talkdesk.stubFor(get(urlPathEqualTo(LIST)).willReturn(aResponse().withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"code\":\"INVALID_PARAMETER\",\"message\":\"phone_number is invalid\"}")));

            ProcessInstance instance = startFollowUp(request());
            runJobs(instance);

            assertThat(instance).hasPassed(Elements.EVENT_FIND_REJECTED).isWaitingAt(Elements.TASK_REVIEW).variables()
                    .containsEntry(Variables.CALLBACK_REJECTION_CODE, Errors.CALLBACK_REJECTED);
            assertThat(runtimeService().createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();
        }

        @Test
        void shouldEndRejectedWhenSupervisorGivesUp() {
            Map<String, Object> variables = request();
            variables.put(Variables.CALLBACK_TIME, "yesterday");
            ProcessInstance instance = startFollowUp(variables);
            runJobs(instance);

            complete(task(instance), Map.of(Variables.REVIEW_GIVE_UP, true));

            assertThat(instance).isEnded().hasPassed(Elements.END_REJECTED).variables()
                    .containsEntry(Variables.CALLBACK_STATUS, Status.REJECTED);
            talkdesk.verify(0, postRequestedFor(urlEqualTo(LIST)));
        }
    }

    /** Cancelling and rescheduling while the follow-up waits, books or is in review. */
    @Nested
    @Deployment(resources = "support-follow-up.bpmn")
    class CancelAndReschedule {
        @Test
        void shouldCancelBookedCallbackWhenCancellationIsRequested() {
            ProcessInstance instance = bookedFollowUp();
            talkdesk.stubFor(delete(LIST + "/cb-1").willReturn(aResponse().withStatus(204)));

            runtimeService().createMessageCorrelation(Messages.CANCELLATION_REQUESTED).processInstanceBusinessKey(TICKET)
                    .correlate();
            runJobs(instance);

            assertThat(instance).isEnded().hasPassed(Elements.TASK_CANCEL, Elements.END_CANCELLED).variables()
                    .containsEntry(Variables.CALLBACK_STATUS, Status.CANCELLED);
            talkdesk.verify(1, deleteRequestedFor(urlEqualTo(LIST + "/cb-1")));
        }

        @Test
        void shouldEndCancelledWhenCallbackIsAlreadyGoneAtTalkdesk() {
            ProcessInstance instance = bookedFollowUp();
            talkdesk.stubFor(delete(LIST + "/cb-1").willReturn(aResponse().withStatus(404)));

            runtimeService().createMessageCorrelation(Messages.CANCELLATION_REQUESTED).processInstanceBusinessKey(TICKET)
                    .correlate();
            runJobs(instance);

            assertThat(instance).isEnded().hasPassed(Elements.END_CANCELLED).variables()
                    .containsEntry(Variables.CALLBACK_STATUS, Status.CANCELLED);
        }

        @Test
        void shouldMoveTheBookedCallbackAndWaitAgainWhenARescheduleIsRequested() {
            ProcessInstance instance = bookedFollowUp();
            givenTalkdeskUpdates("cb-1");
            String later = middayInLisbon(2);

            runtimeService().createMessageCorrelation(Messages.RESCHEDULE_REQUESTED)
                    .processInstanceId(instance.getId()).setVariable(Variables.CALLBACK_TIME, later).correlate();
            runJobs(instance);

            assertThat(instance).isWaitingAt(Elements.GATEWAY_AWAIT_CALLBACK)
                    .hasPassed(Elements.EVENT_RESCHEDULE_REQUESTED, Elements.TASK_VALIDATE_RESCHEDULE, Elements.TASK_UPDATE)
                    .variables().containsEntry(Variables.CALLBACK_ID, "cb-1")
                    .containsEntry(Variables.CALLBACK_STATUS, Status.UPDATED)
                    .containsEntry(Variables.CALLBACK_SCHEDULED_TIME, later);
            talkdesk.verify(1, patchRequestedFor(urlEqualTo(LIST + "/cb-1"))
                    .withRequestBody(matchingJsonPath("$[?(@.path == '/timeToCall' && @.value == '" + later + "')]")));
        }

        @Test
        void shouldAskSupervisorNamingTheFieldWhenARescheduleHasAnInvalidTime() {
            ProcessInstance instance = bookedFollowUp();

            runtimeService().createMessageCorrelation(Messages.RESCHEDULE_REQUESTED)
                    .processInstanceId(instance.getId()).setVariable(Variables.CALLBACK_TIME, "yesterday").correlate();
            runJobs(instance);

            assertThat(instance).isWaitingAt(Elements.TASK_REVIEW).hasPassed(Elements.EVENT_RESCHEDULE_INVALID)
                    .hasNotPassed(Elements.TASK_UPDATE).variables()
                    .containsEntry(Variables.CALLBACK_REJECTION_CODE, Errors.INVALID_CALLBACK_REQUEST);
            assertThat((String) runtimeService().getVariable(instance.getId(), Variables.CALLBACK_REJECTION_MESSAGE))
                    .contains(Variables.CALLBACK_TIME);
            talkdesk.verify(0, patchRequestedFor(urlEqualTo(LIST + "/cb-1")));
        }

        @Test
        void shouldCancelAtOnceWhenTheCancellationCameWhileTheCallbackWasBeingBooked() {
            givenNoActiveCallback();
            givenTalkdeskBooks("cb-1");
            talkdesk.stubFor(delete(LIST + "/cb-1").willReturn(aResponse().withStatus(204)));
            ProcessInstance instance = startFollowUp(request());
            runJobs(instance, 1);
            assertThat(instance).isWaitingAt(Elements.TASK_FIND_ACTIVE); // Schedule runs in Find's job
            runtimeService().setVariable(instance.getId(), Variables.CANCELLATION_REQUESTED, true);

            runJobs(instance);

            assertThat(instance).isEnded().hasPassed(Elements.TASK_SCHEDULE, Elements.TASK_CANCEL, Elements.END_CANCELLED)
                    .variables().containsEntry(Variables.CALLBACK_STATUS, Status.CANCELLED);
            talkdesk.verify(1, deleteRequestedFor(urlEqualTo(LIST + "/cb-1")));
        }

        @Test
        void shouldEndCancelledWhenTheCancellationCameDuringTheReview() {
            Map<String, Object> invalid = request();
            invalid.put(Variables.PHONE_NUMBER, "12");
            ProcessInstance instance = startFollowUp(invalid);
            runJobs(instance);
            assertThat(instance).isWaitingAt(Elements.TASK_REVIEW);
            runtimeService().setVariable(instance.getId(), Variables.CANCELLATION_REQUESTED, true);

            complete(task(), Map.of(Variables.PHONE_NUMBER, "+351912345678", Variables.REVIEW_GIVE_UP, false));

            assertThat(instance).isEnded().hasPassed(Elements.END_REJECTED).variables()
                    .containsEntry(Variables.CALLBACK_STATUS, Status.CANCELLED);
            talkdesk.verify(0, postRequestedFor(urlEqualTo(LIST)));
        }

        @Test
        void shouldKeepASharedCallbackWhileAnotherTicketsFollowUpStillNeedsIt() {
            ProcessInstance first = bookedFollowUp();
            givenActiveCallback("UNATTEMPTED", "cb-1");
            givenTalkdeskUpdates("cb-1");
            Map<String, Object> other = withTime();
            other.put(Variables.TICKET_ID, "T-2002");
            ProcessInstance second = runtimeService().startProcessInstanceByKey(PROCESS_KEY, "T-2002", other);
            runJobs(second);
            assertThat(second).isWaitingAt(Elements.GATEWAY_AWAIT_CALLBACK).variables()
                    .containsEntry(Variables.CALLBACK_ID, "cb-1").containsEntry(Variables.CALLBACK_STATUS, Status.UPDATED);
            talkdesk.stubFor(delete(LIST + "/cb-1").willReturn(aResponse().withStatus(204)));

            runtimeService().createMessageCorrelation(Messages.CANCELLATION_REQUESTED).processInstanceBusinessKey(TICKET)
                    .correlate();
            runJobs(first);

            assertThat(first).isEnded().hasPassed(Elements.END_CANCELLED).variables()
                    .containsEntry(Variables.CALLBACK_STATUS, Status.CANCELLED)
                    .containsEntry(Variables.CALLBACK_SHARED_WITH, "T-2002");
            talkdesk.verify(0, deleteRequestedFor(urlEqualTo(LIST + "/cb-1")));
            assertThat(second).isWaitingAt(Elements.GATEWAY_AWAIT_CALLBACK);

            runtimeService().createMessageCorrelation(Messages.CANCELLATION_REQUESTED).processInstanceBusinessKey("T-2002")
                    .correlate();
            runJobs(second);

            assertThat(second).isEnded().hasPassed(Elements.END_CANCELLED);
            talkdesk.verify(1, deleteRequestedFor(urlEqualTo(LIST + "/cb-1")));
        }

        @Test
        void shouldCancelTheCallbackWhenTheCancellationArrivedWhileItsBookingWasInFlight() throws Exception {
            FollowUpService followUps = withLocks();
            givenNoActiveCallback();
            talkdesk.stubFor(post(LIST).willReturn(aResponse().withStatus(201).withFixedDelay(1500)
                    .withHeader("Content-Type", "application/json")
                    .withBody(callback("cb-1", "UNATTEMPTED", "[ticket:" + TICKET + "]"))));
            talkdesk.stubFor(delete(LIST + "/cb-1").willReturn(aResponse().withStatus(204)));
            ProcessInstance instance = startFollowUp(request());
            runJobs(instance, 1);
            String find = job(Elements.TASK_FIND_ACTIVE, instance).getId();
            java.util.concurrent.CompletableFuture<Void> booking = executeJobOnAnotherThread(find);
            assertThat(numberLocked.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

            FollowUpService.Cancellation answer = followUps.requestCancellation(instance.getId());
            booking.get(10, java.util.concurrent.TimeUnit.SECONDS);
            runJobs(instance);

            assertThat(answer).isEqualTo(FollowUpService.Cancellation.RECORDED);
            assertThat(instance).isEnded().hasPassed(Elements.TASK_SCHEDULE, Elements.TASK_CANCEL, Elements.END_CANCELLED)
                    .variables().containsEntry(Variables.CALLBACK_STATUS, Status.CANCELLED);
            talkdesk.verify(1, deleteRequestedFor(urlEqualTo(LIST + "/cb-1")));
        }

        @Test
        void shouldCancelAtOnceWhenTheCancellationArrivesOnceTheFollowUpWaits() {
            FollowUpService followUps = withLocks();
            ProcessInstance instance = bookedFollowUp();
            talkdesk.stubFor(delete(LIST + "/cb-1").willReturn(aResponse().withStatus(204)));

            assertThat(followUps.requestCancellation(instance.getId())).isEqualTo(FollowUpService.Cancellation.REQUESTED);
            runJobs(instance);

            assertThat(instance).isEnded().hasPassed(Elements.END_CANCELLED);
            talkdesk.verify(1, deleteRequestedFor(urlEqualTo(LIST + "/cb-1")));
        }

        @Test
        void shouldRefuseNotRecordACancellationWhileASupervisorHandlesTheMissedCallback() {
            FollowUpService followUps = withLocks();
            ProcessInstance instance = bookedFollowUp();
            givenOutcome("cb-1", "EXHAUSTED");
            managementService().executeJob(managementService().createJobQuery().processInstanceId(instance.getId())
                    .timers().singleResult().getId());
            runJobs(instance);
            assertThat(instance).isWaitingAt(Elements.TASK_ESCALATE);

            assertThat(followUps.requestCancellation(instance.getId()))
                    .isEqualTo(FollowUpService.Cancellation.WITH_SUPERVISOR);
            assertThat(runtimeService().getVariable(instance.getId(), Variables.CANCELLATION_REQUESTED)).isNull();
        }

        @Test
        void shouldCancelTheBookedCallbackWhenTheSupervisorGivesUpAfterARejectedReschedule() {
            ProcessInstance instance = inReviewAfterARefusedReschedule();

            complete(task(instance), Map.of(Variables.REVIEW_GIVE_UP, true));
            runJobs(instance);

            assertEndedHavingCancelledItsCallback(instance);
        }

        @Test
        void shouldCancelTheBookedCallbackWhenACancellationWasRecordedDuringTheReview() {
            ProcessInstance instance = inReviewAfterARefusedReschedule();
            runtimeService().setVariable(instance.getId(), Variables.CANCELLATION_REQUESTED, true);

            complete(task(instance), Map.of(Variables.REVIEW_GIVE_UP, false));
            runJobs(instance);

            assertEndedHavingCancelledItsCallback(instance);
        }
    }

    /** After the callback time: the outcome check and the missed-callback task. */
    @Nested
    @Deployment(resources = "support-follow-up.bpmn")
    class Outcome {
        @Test
        void shouldEndWhenCustomerWasReached() {
            ProcessInstance instance = bookedFollowUp();
            givenOutcome("cb-1", "SUCCESS");

            managementService().executeJob(job(Elements.TIMER_AWAIT_CALLBACK, instance).getId());
            runJobs(instance);

            assertThat(instance).isEnded().hasPassed(Elements.TASK_CHECK_OUTCOME, Elements.END_BOOKED).variables()
                    .containsEntry(Variables.CALLBACK_OUTCOME, "SUCCESS");
        }

        @Test
        void shouldAskSupervisorWhenCallbackWasExhausted() {
            ProcessInstance instance = bookedFollowUp();
            givenOutcome("cb-1", "EXHAUSTED");

            managementService().executeJob(job(Elements.TIMER_AWAIT_CALLBACK, instance).getId());
            runJobs(instance);

            assertThat(instance).isWaitingAt(Elements.TASK_ESCALATE).variables()
                    .containsEntry(Variables.CALLBACK_OUTCOME, "EXHAUSTED");
            assertThat(task()).hasCandidateGroup(SupportFollowUpProcess.Groups.SUPERVISORS);
            complete(task());
            assertThat(instance).isEnded().hasPassed(Elements.END_ESCALATED);
        }

        @Test
        void shouldAskSupervisorWhenNumberWasInvalid() {
            ProcessInstance instance = bookedFollowUp();
            givenOutcome("cb-1", "INVALID_NUMBER");

            managementService().executeJob(job(Elements.TIMER_AWAIT_CALLBACK, instance).getId());
            runJobs(instance);

            assertThat(instance).isWaitingAt(Elements.TASK_ESCALATE);
        }

        @Test
        void shouldAskSupervisorWithTheReasonWhenAnAgentCancelledTheCallback() {
            ProcessInstance instance = bookedFollowUp();
            givenOutcome("cb-1", "CANCELED");

            managementService().executeJob(job(Elements.TIMER_AWAIT_CALLBACK, instance).getId());
            runJobs(instance);

            assertThat(instance).isWaitingAt(Elements.TASK_ESCALATE).variables()
                    .containsEntry(Variables.CALLBACK_OUTCOME, "CANCELED")
                    .hasEntrySatisfying(Variables.CALLBACK_OUTCOME_REASON, reason -> assertThat((String) reason)
                            .contains("cancelled in Talkdesk"));
        }

        @Test
        void shouldAskSupervisorWithTheReasonWhenTalkdeskNoLongerListsTheCallback() {
            ProcessInstance instance = bookedFollowUp();
            talkdesk.stubFor(get(urlPathEqualTo(LIST)).willReturn(okJson(page())));

            managementService().executeJob(job(Elements.TIMER_AWAIT_CALLBACK, instance).getId());
            runJobs(instance);

            assertThat(instance).isWaitingAt(Elements.TASK_ESCALATE).variables()
                    .containsEntry(Variables.CALLBACK_OUTCOME, Outcomes.NOT_FOUND)
                    .hasEntrySatisfying(Variables.CALLBACK_OUTCOME_REASON, reason -> assertThat((String) reason)
                            .contains("no longer lists callback cb-1"));
        }

        @Test
        void shouldLookAgainWhileTheCallbackWaitsToBeCalledThenAskSupervisorAfterTheLastLook() {
            ProcessInstance instance = bookedFollowUp();
            givenOutcome("cb-1", "TO_BE_RETRIED");

            for (int look = 1; look < 3; look++) {
                managementService().executeJob(job(Elements.TIMER_AWAIT_CALLBACK, instance).getId());
                runJobs(instance);
                assertThat(instance).as("look %d", look)
                        .isWaitingAt(Elements.GATEWAY_AWAIT_CALLBACK).variables()
                        .containsEntry(Variables.CALLBACK_OUTCOME, Outcomes.PENDING)
                        .containsEntry(Variables.CALLBACK_OUTCOME_CHECKS, look)
                        .containsEntry(Variables.CALLBACK_CHECK_TIME, clock.instant().plus(Duration.ofHours(1))
                                .toString());
            }
            managementService().executeJob(job(Elements.TIMER_AWAIT_CALLBACK, instance).getId());
            runJobs(instance);

            assertThat(instance).isWaitingAt(Elements.TASK_ESCALATE).variables()
                    .containsEntry(Variables.CALLBACK_OUTCOME, Outcomes.STILL_PENDING)
                    .hasEntrySatisfying(Variables.CALLBACK_OUTCOME_REASON, reason -> assertThat((String) reason)
                            .contains("still TO_BE_RETRIED after 3 checks"));
        }

        @Test
        void shouldAskSupervisorNotRetryWhenTalkdeskRefusesTheOutcomeLookup() {
            ProcessInstance instance = bookedFollowUp();
            talkdesk.stubFor(get(urlPathEqualTo(LIST)).willReturn(aResponse().withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"code\":\"INVALID_PARAMETER\",\"message\":\"phone_number is invalid\"}")));

            managementService().executeJob(job(Elements.TIMER_AWAIT_CALLBACK, instance).getId());
            runJobs(instance);

            assertThat(instance).isWaitingAt(Elements.TASK_ESCALATE).variables()
                    .containsEntry(Variables.CALLBACK_OUTCOME, Outcomes.CHECK_REFUSED);
            assertThat(runtimeService().createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();
        }

        @Test
        void shouldAskSupervisorWhenTalkdeskRefusesToCancel() {
            ProcessInstance instance = bookedFollowUp();
            talkdesk.stubFor(delete(LIST + "/cb-1").willReturn(aResponse().withStatus(422)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"code\":\"INVALID_CALLBACK\",\"message\":\"The callback cannot be cancelled\"}")));

            runtimeService().createMessageCorrelation(Messages.CANCELLATION_REQUESTED).processInstanceBusinessKey(TICKET)
                    .correlate();
            runJobs(instance);

            assertThat(instance).hasPassed(Elements.EVENT_CANCEL_REJECTED).isWaitingAt(Elements.TASK_ESCALATE)
                    .variables().hasEntrySatisfying(Variables.CALLBACK_OUTCOME_REASON, reason ->
                            assertThat((String) reason).contains("Talkdesk refused to cancel callback cb-1"))
                    .containsEntry(Variables.CALLBACK_OUTCOME, Outcomes.CANCEL_REFUSED);
            assertThat(runtimeService().createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();

            complete(task(instance)); // the supervisor cancelled it in Talkdesk's Callback Manager

            assertThat(instance).isEnded().hasPassed(Elements.END_ESCALATED);
            talkdesk.verify(1, deleteRequestedFor(urlEqualTo(LIST + "/cb-1")));
        }

        @Test
        void shouldCancelTheCallbackStillScheduledOnceTheSupervisorHandledTheMissedCall() {
            ProcessInstance instance = bookedFollowUp();
            givenOutcome("cb-1", "UNATTEMPTED");
            for (int look = 1; look <= 3; look++) {
                managementService().executeJob(job(Elements.TIMER_AWAIT_CALLBACK, instance).getId());
                runJobs(instance);
            }
            assertThat(instance).isWaitingAt(Elements.TASK_ESCALATE).variables()
                    .containsEntry(Variables.CALLBACK_OUTCOME, Outcomes.STILL_PENDING);
            talkdesk.stubFor(delete(LIST + "/cb-1").willReturn(aResponse().withStatus(204)));

            complete(task(instance));
            runJobs(instance);

            assertThat(instance).hasPassed(Elements.GATEWAY_STILL_SCHEDULED);
            assertEndedHavingCancelledItsCallback(instance);
        }

        @Test
        void shouldCancelTheCallbackWhoseStateTalkdeskWouldNotTellOnceTheSupervisorChecked() {
            ProcessInstance instance = bookedFollowUp();
            talkdesk.stubFor(get(urlPathEqualTo(LIST)).willReturn(aResponse().withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"code\":\"INVALID_PARAMETER\",\"message\":\"phone_number is invalid\"}")));
            managementService().executeJob(job(Elements.TIMER_AWAIT_CALLBACK, instance).getId());
            runJobs(instance);
            talkdesk.stubFor(delete(LIST + "/cb-1").willReturn(aResponse().withStatus(404)));

            complete(task(instance));
            runJobs(instance);

            assertThat(instance).isEnded().hasPassed(Elements.TASK_CANCEL, Elements.END_CANCELLED);
            talkdesk.verify(1, deleteRequestedFor(urlEqualTo(LIST + "/cb-1")));
        }

        @Test
        void shouldCountTheOutcomeChecksAfreshForARescheduledCallback() {
            ProcessInstance instance = bookedFollowUp();
            givenOutcome("cb-1", "UNATTEMPTED");
            managementService().executeJob(managementService().createJobQuery().processInstanceId(instance.getId())
                    .timers().singleResult().getId());
            runJobs(instance);
            assertThat(runtimeService().getVariable(instance.getId(), Variables.CALLBACK_OUTCOME_CHECKS)).isEqualTo(1);
            givenTalkdeskUpdates("cb-1");

            runtimeService().createMessageCorrelation(Messages.RESCHEDULE_REQUESTED).processInstanceId(instance.getId())
                    .setVariable(Variables.CALLBACK_TIME, withTime().get(Variables.CALLBACK_TIME)).correlate();
            runJobs(instance);

            assertThat(instance).isWaitingAt(Elements.GATEWAY_AWAIT_CALLBACK).variables()
                    .doesNotContainKey(Variables.CALLBACK_OUTCOME_CHECKS);
        }
    }

    /** When we call: calling windows, opening hours, the horizon and the expiry. */
    @Nested
    @Deployment(resources = "support-follow-up.bpmn")
    class CallingWindows {
        @Test
        void shouldBookACallbackAskedForAtNightAtTheCustomersMorningAndSaySo() {
            LocalDate tomorrow = LocalDate.now(ZoneId.of("Europe/Lisbon")).plusDays(1);
            callbackTime = tomorrow + "T03:30";
            booked = tomorrow.atTime(8, 0).atZone(ZoneId.of("Europe/Lisbon")).toInstant().toString();
            givenNoActiveCallback();
            givenTalkdeskBooks("cb-1");

            ProcessInstance instance = startFollowUp(request());
            runJobs(instance);

            assertThat(instance).isWaitingAt(Elements.GATEWAY_AWAIT_CALLBACK).variables()
                    .containsEntry(Variables.CALLBACK_SCHEDULED_TIME, booked)
                    .containsEntry(Variables.CALLBACK_TIME_MOVED, true)
                    .containsEntry(Variables.TIMEZONE_SOURCE, "GIVEN")
                    .containsEntry(Variables.CALLBACK_REQUESTED_TIME, tomorrow.atTime(3, 30)
                            .atZone(ZoneId.of("Europe/Lisbon")).toInstant().toString())
                    .hasEntrySatisfying(Variables.CALLBACK_TIME_MOVED_REASON, reason -> assertThat((String) reason)
                            .startsWith("The customer's calling window (US_TCPA) is closed at 03:30 Europe/Lisbon")
                            .contains("to the next open time"))
                    .hasEntrySatisfying(Variables.CALLING_WINDOWS, windows -> assertThat((String) windows)
                            .contains("MON-SUN 08:00-21:00"));
            talkdesk.verify(1, postRequestedFor(urlEqualTo(LIST))
                    .withRequestBody(matchingJsonPath("$.scheduled_time_to_call", equalTo(booked)))
                    .withRequestBody(matchingJsonPath("$.notes", containing("is closed at 03:30")))
                    .withRequestBody(matchingJsonPath("$.notes", containing("Invoice question"))));
        }

        @Test
        void shouldSendASundayCallbackOfARingGroupClosedOnSundaysToTheReviewSayingWhenItOpens() {
            withWindows(windows -> {
                windows.setOutside(io.followup.callbacks.window.OutsideWindow.REVIEW);
                windows.setZone("Europe/Lisbon");
                windows.setRingGroupHours(Map.of("support-tier-1", "MON-FRI 09:00-18:00"));
            });
            LocalDate sunday = nextSundayAfterTomorrow();
            callbackTime = sunday + "T11:00";
            givenNoActiveCallback();

            ProcessInstance instance = startFollowUp(request());
            runJobs(instance);

            assertThat(instance).hasPassed(Elements.EVENT_OUTSIDE_WINDOW).isWaitingAt(Elements.TASK_REVIEW)
                    .hasNotPassed(Elements.TASK_FIND_ACTIVE).variables()
                    .containsEntry(Variables.CALLBACK_REJECTION_CODE, Errors.CALLBACK_OUTSIDE_WINDOW);
            assertThat((String) runtimeService().getVariable(instance.getId(), Variables.CALLBACK_REJECTION_MESSAGE))
                    .isEqualTo("callbackTime: Ring group support-tier-1 is closed on Sundays; the next open time is "
                            + "Monday " + sunday.plusDays(1).getDayOfMonth() + " " + sunday.plusDays(1).getMonth()
                                    .getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH)
                            + " 09:00 Europe/Lisbon (" + sunday.plusDays(1).atTime(9, 0).atZone(ZoneId.of("Europe/Lisbon"))
                                    .withZoneSameInstant(java.time.ZoneOffset.UTC).toLocalTime() + " UTC)");
            talkdesk.verify(0, getRequestedFor(urlPathEqualTo(LIST)));
        }

        @Test
        void shouldSendARescheduleIntoAClosedTimeToTheReviewAndMoveItInNextSlotMode() {
            withWindows(windows -> {
                windows.setCustomer(io.followup.callbacks.window.CustomerWindow.CUSTOM);
                windows.setCustomerHours("MON-SUN 09:00-18:00");
                windows.setOutside(io.followup.callbacks.window.OutsideWindow.REVIEW);
            });
            ProcessInstance instance = bookedFollowUp();
            String evening = LocalDate.now(ZoneId.of("Europe/Lisbon")).plusDays(2) + "T20:00";

            runtimeService().createMessageCorrelation(Messages.RESCHEDULE_REQUESTED)
                    .processInstanceId(instance.getId()).setVariable(Variables.CALLBACK_TIME, evening).correlate();
            runJobs(instance);

            assertThat(instance).isWaitingAt(Elements.TASK_REVIEW).hasPassed(Elements.EVENT_RESCHEDULE_INVALID)
                    .hasNotPassed(Elements.TASK_UPDATE);
            assertThat((String) runtimeService().getVariable(instance.getId(), Variables.CALLBACK_REJECTION_MESSAGE))
                    .contains("callbackTime: The customer's calling window (CUSTOM) is closed at 20:00 Europe/Lisbon")
                    .contains("the next open time is");
            talkdesk.verify(0, patchRequestedFor(urlEqualTo(LIST + "/cb-1")));
        }

        @Test
        void shouldMoveARescheduleIntoAClosedTimeToTheNextOpening() {
            withWindows(windows -> {
                windows.setCustomer(io.followup.callbacks.window.CustomerWindow.CUSTOM);
                windows.setCustomerHours("MON-SUN 09:00-18:00");
            });
            ProcessInstance instance = bookedFollowUp();
            givenTalkdeskUpdates("cb-1");
            LocalDate day = LocalDate.now(ZoneId.of("Europe/Lisbon")).plusDays(2);
            String moved = day.plusDays(1).atTime(9, 0).atZone(ZoneId.of("Europe/Lisbon")).toInstant().toString();

            runtimeService().createMessageCorrelation(Messages.RESCHEDULE_REQUESTED)
                    .processInstanceId(instance.getId()).setVariable(Variables.CALLBACK_TIME, day + "T20:00").correlate();
            runJobs(instance);

            assertThat(instance).isWaitingAt(Elements.GATEWAY_AWAIT_CALLBACK).hasPassed(Elements.TASK_UPDATE)
                    .variables().containsEntry(Variables.CALLBACK_SCHEDULED_TIME, moved)
                    .containsEntry(Variables.CALLBACK_TIME_MOVED, true);
            talkdesk.verify(1, patchRequestedFor(urlEqualTo(LIST + "/cb-1"))
                    .withRequestBody(matchingJsonPath("$[?(@.path == '/timeToCall' && @.value == '" + moved + "')]")));
        }

        @Test
        void shouldGiveTheSupervisorACallbackThatOutlivedItsExpiry() {
            withWindows(windows -> windows.setExpiry(Duration.ofHours(1)));
            ProcessInstance instance = bookedFollowUp();
            givenOutcome("cb-1", "UNATTEMPTED");
            clock.advance(Duration.between(clock.instant(), Instant.parse(callbackTime).plus(Duration.ofHours(2))));

            managementService().executeJob(job(Elements.TIMER_AWAIT_CALLBACK, instance).getId());
            runJobs(instance);

            assertThat(instance).isWaitingAt(Elements.TASK_ESCALATE).variables()
                    .containsEntry(Variables.CALLBACK_OUTCOME, Outcomes.STILL_PENDING)
                    .containsEntry(Variables.CALLBACK_OUTCOME_CHECKS, 1)
                    .hasEntrySatisfying(Variables.CALLBACK_OUTCOME_REASON, reason -> assertThat((String) reason)
                            .contains("still UNATTEMPTED 1 hours after its time").contains("expired"));
        }
    }
}
