package org.jsrvany.installer;

import org.jsrvany.installer.spi.EventSources;
import org.jsrvany.installer.spi.ParameterStore;
import org.jsrvany.installer.spi.ServiceManager;

/** What the steps of a plan change: the SCM, the Parameters keys, the event log sources. */
record Backends(ServiceManager scm, ParameterStore store, EventSources events) {
}
