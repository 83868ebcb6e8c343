/**
 * A fleet replica in its own process (for the `kill -9` test): `deno run fleet_replica.ts <redis> <upstream>
 * <id> <leaseMs> <autoUpdateMs>` prints `ready <port>` and serves until killed.
 *
 * @module
 */
import { startReplica } from "./fleet.ts";

const [redisUrl, upstreamUrl, replicaId, leaseMs, autoUpdateMs] = Deno.args;
const replica = await startReplica({
  redisUrl: redisUrl!,
  upstreamUrl: upstreamUrl!,
  replicaId: replicaId!,
  leaseMs: Number(leaseMs),
  autoUpdateMs: Number(autoUpdateMs),
});
await Deno.stdout.write(new TextEncoder().encode(`ready ${replica.server.port}\n`));
await replica.server.finished;
