/**
 * <b>Internal</b>: not for host apps; may change in any release. the delegates' classes; their bean names ({@code scheduleCallback}, ...) and variables are the API, documented in README.
 */
package io.followup.callbacks.delegate;
