package org.jsrvany.launcher.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Logging is configured in code (no XML, so no javax.naming), found through META-INF/services. */
class LogbackSetupTest {

    @Test
    void theConsoleGoesToStderrWithJsrvanyAtInfoAndTheRestAtWarn() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getAppender(LogbackSetup.CONSOLE)).isInstanceOf(ConsoleAppender.class);
        assertThat(((ConsoleAppender<?>) root.getAppender(LogbackSetup.CONSOLE)).getTarget()).isEqualTo("System.err");
        assertThat(root.getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("org.jsrvany").getLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("org.jsrvany.launcher.service.ServiceRun").getEffectiveLevel()).isEqualTo(Level.INFO);
        assertThat(getClass().getResource("/logback.xml")).as("no XML configuration to parse").isNull();
    }
}
