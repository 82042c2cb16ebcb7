/** jsrvany core: configuration, supervisor, policies, output capture and process control. */
package org.jsrvany.core;
