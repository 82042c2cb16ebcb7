package org.jsrvany.installer;

import org.jsrvany.core.service.EventSources;
import org.jsrvany.core.config.ParameterStore;
import org.jsrvany.core.service.ServiceManager;

/** What the steps of a plan change: the SCM, the Parameters keys, the event log sources. */
record Backends(ServiceManager scm, ParameterStore store, EventSources events) {
}
