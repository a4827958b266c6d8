package org.sanwang.connectors.core;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.sanwang.hub.org.OrgTree;

/** Sends a newly reported Party member the one-time link on which they set their password (双报到). */
public interface MemberActivation {
  MemberActivation NONE = (person, community) -> CompletableFuture.completedFuture(Done.getInstance());

  CompletionStage<Done> send(OrgTree.Person person, String community);
}
