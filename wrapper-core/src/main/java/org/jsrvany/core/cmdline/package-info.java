/** Windows command-line splitting and quoting (CommandLineToArgvW rules, program-path quoting). */
package org.jsrvany.core.cmdline;
