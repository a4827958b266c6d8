package org.sanwang.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.sanwang.connectors.core.Network;
import org.sanwang.connectors.core.NetworkStore;

/**
 * Two nodes queue the same callback at once: both look, neither finds it, both insert. The one whose
 * insert meets the other's row (network_outbox_once, SQLState 23505) is told it is already queued.
 */
class NetworkOutboxRaceH2Test {
  static final Instant NOW = Instant.parse("2026-11-21T08:00:00Z");

  @Test
  void theSecondNodeToQueueACallbackFindsItAlreadyQueued() throws Exception {
    String url = "jdbc:h2:mem:outbox-race-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/h2").load().migrate();
    var h2 = new JdbcDataSource();
    h2.setURL(url);
    h2.setUser("sa");
    var otherNodeFirst = new AtomicBoolean(true);
    var underTest = new NetworkStore(insertingFirst(h2, url, otherNodeFirst));

    assertThat(underTest.enqueue(Network.PARTY, "case-1-accepted", "case-1", "case.accepted", "{}", NOW))
        .as("the other node's insert came between this one's look and its insert").isFalse();
    assertThat(otherNodeFirst).isFalse();
    assertThat(underTest.pendingCallbacks(Network.PARTY)).isEqualTo(1);

    assertThat(underTest.enqueue(Network.PARTY, "case-1-resolved", "case-1", "case.resolved", "{}", NOW)).isTrue();
    assertThat(underTest.enqueue(Network.PARTY, "case-1-resolved", "case-1", "case.resolved", "{}", NOW)).isFalse();
    assertThat(underTest.pendingCallbacks(Network.PARTY)).isEqualTo(2);
    assertThat(underTest.pendingCallbacks(Network.COMMUNITY)).isZero();
  }

  /** Connections that, before the first outbox insert is prepared, let "another node" store the same callback and commit. */
  static DataSource insertingFirst(JdbcDataSource h2, String url, AtomicBoolean once) {
    InvocationHandler dataSource = (proxy, method, args) -> {
      Object result = invoke(h2, method, args);
      if (!(result instanceof Connection c)) return result;
      InvocationHandler connection = (p, m, a) -> {
        if (m.getName().equals("prepareStatement") && a[0].toString().startsWith("INSERT INTO network_outbox")
            && once.compareAndSet(true, false)) {
          try (var other = DriverManager.getConnection(url, "sa", "");
              var insert = other.prepareStatement("INSERT INTO network_outbox (network, id, subject, type, event, created_at, "
                  + "state, attempts, next_attempt_at) VALUES ('party', 'case-1-accepted', 'case-1', 'case.accepted', '{}', "
                  + "CURRENT_TIMESTAMP, 'pending', 0, CURRENT_TIMESTAMP)")) {
            insert.executeUpdate();
          }
        }
        return invoke(c, m, a);
      };
      return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, connection);
    };
    return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class}, dataSource);
  }

  private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
