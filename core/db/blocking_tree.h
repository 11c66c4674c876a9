#pragma once

// Who blocks whom: the sessions waiting on locks (pg_blocking_pids) arranged
// under the sessions that hold them. A root is a session that blocks others
// and waits for no one: the one to act on. Cycles (a deadlock before the
// deadlock detector breaks it, after deadlock_timeout) are cut where they
// close, and their members marked.

#include "db/pg_snapshot.h"

namespace opsdeck::pg {

struct BlockingNode {
    int pid = 0;
    int depth = 0;            // 0 for a root
    int parentPid = 0;        // the blocker it is shown under; 0 for a root
    int blockedCount = 0;     // every session waiting behind it, directly or not
    bool inCycle = false;
};

// Depth-first: each root, then what waits on it, as a tree view shows them.
// Sessions that neither block nor wait are not in it. A session waiting on
// several blockers is shown under the first one that is in the list.
std::vector<BlockingNode> blockingTree(const std::vector<PgSession> &sessions);

} // namespace opsdeck::pg
