/**
 * <b>Internal</b>: not for host apps; may change in any release. the Cockpit tab (registered in META-INF/services; Cockpit loads it).
 */
package io.followup.callbacks.cockpit;
