package org.sanwang.console.api;

import java.security.SecureRandom;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Photos uploaded in the hub, in the hub's database next to the journal (plain JDBC, parameters bound):
 * each with the building it belongs to, so it is served only to those who see that building's work.
 */
public final class PhotoStore {
  public record Photo(String id, String building, String contentType, byte[] bytes) {}

  private static final SecureRandom RANDOM = new SecureRandom();
  private final DataSource db;

  public PhotoStore(DataSource db) {
    this.db = db;
  }

  /** Keeps the photo; its new id (128 random bits, so ids cannot be guessed). Blocking: call off the request threads. */
  public String add(String building, String contentType, byte[] bytes, String uploadedBy) {
    byte[] raw = new byte[16];
    RANDOM.nextBytes(raw);
    String id = "ph-" + HexFormat.of().formatHex(raw);
    try (var c = db.getConnection();
        var st = c.prepareStatement("INSERT INTO work_photo (id, building, content_type, bytes, uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?)")) {
      st.setString(1, id);
      st.setString(2, building);
      st.setString(3, contentType);
      st.setBytes(4, bytes);
      st.setString(5, uploadedBy);
      st.setTimestamp(6, Timestamp.from(Instant.now()));
      st.executeUpdate();
      return id;
    } catch (SQLException e) {
      throw new IllegalStateException("could not store the photo", e);
    }
  }

  public Optional<Photo> get(String id) {
    try (var c = db.getConnection();
        var st = c.prepareStatement("SELECT id, building, content_type, bytes FROM work_photo WHERE id = ?")) {
      st.setString(1, id);
      try (var rs = st.executeQuery()) {
        return rs.next() ? Optional.of(new Photo(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBytes(4))) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the photo", e);
    }
  }

  /** The building a photo belongs to, without its bytes. */
  public Optional<String> buildingOf(String id) {
    try (var c = db.getConnection(); var st = c.prepareStatement("SELECT building FROM work_photo WHERE id = ?")) {
      st.setString(1, id);
      try (var rs = st.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the photo", e);
    }
  }
}
