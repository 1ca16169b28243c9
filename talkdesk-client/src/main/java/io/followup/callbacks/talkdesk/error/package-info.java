/**
 * <b>API</b>: a host app may use these types; they change only with a note in README. the failures the client reports (business rejections, configuration errors, transient failures); in a process they arrive as BPMN errors and incidents, so most hosts never see them.
 */
package io.followup.callbacks.talkdesk.error;
