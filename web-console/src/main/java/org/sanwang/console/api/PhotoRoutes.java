package org.sanwang.console.api;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.sanwang.console.auth.Accounts;
import org.sanwang.console.auth.Tokens;
import org.sanwang.hub.access.Access;
import org.sanwang.hub.org.Codes;
import org.sanwang.hub.org.OrgDirectory;

/**
 * Photos of cases, kept by the hub: {@code POST /api/v1/photos?building=} with the image as the body
 * (JPEG, PNG or WebP, checked by its first bytes as well as its type; at most 5 MB), and
 * {@code GET /api/v1/photos/{id}}, only for those who see the building's work.
 */
public final class PhotoRoutes extends RouteSupport {
  public static final long MAX_BYTES = 5L * 1024 * 1024;

  public record Uploaded(String id, String url) {}

  private static final Map<String, byte[]> MAGIC = Map.of(
      "image/jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF},
      "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'},
      "image/webp", new byte[] {'R', 'I', 'F', 'F'});

  private static final Map<String, org.apache.pekko.http.javadsl.model.ContentType> TYPES = Map.of(
      "image/jpeg", ContentTypes.create(MediaTypes.IMAGE_JPEG),
      "image/png", ContentTypes.create(MediaTypes.IMAGE_PNG),
      "image/webp", ContentTypes.create(MediaTypes.IMAGE_WEBP));

  private final OrgDirectory directory;
  private final PhotoStore store;
  private final Executor blocking;

  public PhotoRoutes(Accounts accounts, Tokens tokens, OrgDirectory directory, PhotoStore store, Executor blocking) {
    super(accounts, tokens);
    this.directory = directory;
    this.store = store;
    this.blocking = blocking;
  }

  public Route routes() {
    return pathPrefix(segment("api").slash("v1").slash("photos"), () -> authenticated(p -> concat(
        pathEnd(() -> post(() -> parameterOptional("building", building -> {
          String code = building.orElseThrow(() -> ProblemException.badRequest("building: required, the building the photo shows"));
          if (!Codes.is(code, Codes.Level.BUILDING) || !directory.index().exists(code))
            throw ProblemException.badRequest("building: no building " + code);
          if (!Access.of(directory.index(), p).seesWorkAt(code))
            throw ProblemException.forbidden("building: " + code + " is outside your scopes");
          return upload(code, p.id());
        }))),
        path(segment(), id -> get(() -> {
          if (!id.matches("ph-[0-9a-f]{32}")) throw ProblemException.notFound("id: no photo " + id);
          var found = CompletableFuture.supplyAsync(() -> store.get(id), blocking);
          return onSuccess(found, photo -> {
            if (photo.isEmpty() || !Access.of(directory.index(), p).seesWorkAt(photo.get().building()))
              throw ProblemException.notFound("id: no photo " + id);
            return complete(HttpResponse.create().withEntity(HttpEntities.create(TYPES.get(photo.get().contentType()), photo.get().bytes()))
                .addHeaders(List.of(RawHeader.create("Cache-Control", "private, max-age=86400"))));
          });
        })))));
  }

  private Route upload(String building, String by) {
    return Directives.withSizeLimit(MAX_BYTES, () -> extractRequestEntity(entity -> {
      String type = entity.getContentType().mediaType().toString();
      if (!MAGIC.containsKey(type))
        throw new ProblemException(Problem.of(415, "Unsupported Media Type", "Content-Type: must be image/jpeg, image/png or image/webp"));
      return Directives.entity(Unmarshaller.entityToByteString(), bytes -> {
        byte[] data = bytes.toArray();
        if (data.length == 0) throw ProblemException.badRequest("body: the image is empty");
        if (!startsWith(data, MAGIC.get(type)))
          throw ProblemException.badRequest("body: not a " + type + " image (its first bytes say otherwise)");
        var stored = CompletableFuture.supplyAsync(() -> store.add(building, type, data, by), blocking);
        return onSuccess(stored, id -> json(StatusCodes.CREATED, new Uploaded(id, "/api/v1/photos/" + id)));
      });
    }));
  }

  private static boolean startsWith(byte[] data, byte[] magic) {
    if (data.length < magic.length) return false;
    for (int i = 0; i < magic.length; i++) if (data[i] != magic[i]) return false;
    return true;
  }
}
