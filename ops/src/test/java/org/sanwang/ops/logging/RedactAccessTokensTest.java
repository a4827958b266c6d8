package org.sanwang.ops.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * The production logging configuration ({@code logback.xml}, not the tests' own) writes no bearer
 * token: a line quoting a stream URL shows {@code access_token=REDACTED}, on the same logger, level
 * and MDC, and lines without a token are left alone.
 */
class RedactAccessTokensTest {
  static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJwLTAwMSJ9.c2lnbmF0dXJl";

  private final LoggerContext context = new LoggerContext();
  private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();

  @BeforeEach
  void configureAsInProduction() throws Exception {
    context.setMDCAdapter(MDC.getMDCAdapter());
    var configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(RedactAccessTokensTest.class.getResource("/logback.xml"));
    var root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.detachAndStopAllAppenders();
    var capture = new AppenderBase<ILoggingEvent>() {
      @Override
      protected void append(ILoggingEvent event) {
        event.prepareForDeferredProcessing();
        events.add(event);
      }
    };
    capture.setContext(context);
    capture.start();
    root.addAppender(capture);
  }

  @AfterEach
  void stop() {
    MDC.clear();
    context.stop();
  }

  @Test
  void pekkoHttpsWarningQuotingAStreamUrlIsWrittenWithTheTokenRedacted() {
    var pekko = context.getLogger("org.apache.pekko.http.impl.engine.server.HttpServerBluePrint$ControllerStage$$anon$12");
    MDC.put("pekkoSource", "http-server");
    pekko.warn("{}", "Sending an 2xx 'early' response before end of request for http://127.0.0.1:8080"
        + "/api/v1/groups/130803001001-B07/stream?access_token=" + TOKEN + "&after=12 received...");

    assertThat(events).hasSize(1);
    var event = events.get(0);
    assertThat(event.getFormattedMessage()).doesNotContain(TOKEN)
        .contains("/stream?access_token=REDACTED&after=12 received...");
    assertThat(event.getLoggerName()).isEqualTo(pekko.getName());
    assertThat(event.getLevel()).isEqualTo(Level.WARN);
    assertThat(event.getMDCPropertyMap()).containsEntry("pekkoSource", "http-server");
  }

  @Test
  void aTokenInAnExceptionMessageOrItsCauseIsRedactedAndTheStackTraceKept() {
    var cause = new IllegalArgumentException("bad uri /api/v1/me/inbox/stream?ACCESS_TOKEN=" + TOKEN);
    var thrown = new IllegalStateException("stream failed", cause);
    context.getLogger("org.sanwang.console").error("Response stream for [GET /api/v1/me/inbox/stream] failed", thrown);

    assertThat(events).hasSize(1);
    var proxy = events.get(0).getThrowableProxy();
    assertThat(proxy.getMessage()).isEqualTo("java.lang.IllegalStateException: stream failed");
    assertThat(proxy.getCause().getMessage()).doesNotContain(TOKEN).contains("ACCESS_TOKEN=REDACTED");
    assertThat(proxy.getStackTraceElementProxyArray()).isNotEmpty();
  }

  @Test
  void linesWithoutATokenAreWrittenAsTheyWere() {
    var logger = context.getLogger("org.sanwang.console.api.LoginRoutes");
    logger.info("Login failed: user '{}' from {}", "admin", "127.0.0.1");
    logger.info("the token is already hidden: access_token=REDACTED");
    logger.debug("below the level: access_token={}", TOKEN);

    assertThat(events).extracting(ILoggingEvent::getFormattedMessage)
        .containsExactly("Login failed: user 'admin' from 127.0.0.1", "the token is already hidden: access_token=REDACTED");
    assertThat(events.get(0).getArgumentArray()).as("untouched lines keep their arguments").containsExactly("admin", "127.0.0.1");
  }
}
