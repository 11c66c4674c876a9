#include "db/blocking_tree.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

namespace opsdeck::pg {

std::vector<BlockingNode> blockingTree(const std::vector<PgSession> &sessions)
{
    std::set<int> present;
    for (const PgSession &s : sessions)
        present.insert(s.pid);
    // waiter → blockers that are still there; blocker → its waiters
    std::map<int, std::vector<int>> blockersOf;
    std::map<int, std::vector<int>> waitersOf;
    for (const PgSession &s : sessions) {
        for (const int blocker : s.blockedBy) {
            if (!present.count(blocker) || blocker == s.pid)
                continue;  // a blocker that just ended, or a parallel worker's own leader
            blockersOf[s.pid].push_back(blocker);
            waitersOf[blocker].push_back(s.pid);
        }
    }
    for (auto &entry : waitersOf)
        std::sort(entry.second.begin(), entry.second.end());

    // Everything behind a session, counted once even when it waits on two paths.
    std::function<void(int, std::set<int> &)> collect = [&](int pid, std::set<int> &seen) {
        const auto it = waitersOf.find(pid);
        if (it == waitersOf.end())
            return;
        for (const int w : it->second) {
            if (seen.insert(w).second)
                collect(w, seen);
        }
    };

    std::vector<BlockingNode> out;
    std::set<int> placed;
    std::function<void(int, int, int, std::set<int> &)> place = [&](int pid, int parent, int depth, std::set<int> &path) {
        BlockingNode node;
        node.pid = pid;
        node.parentPid = parent;
        node.depth = depth;
        std::set<int> behind;
        collect(pid, behind);
        behind.erase(pid);
        node.blockedCount = int(behind.size());
        placed.insert(pid);
        out.push_back(node);
        path.insert(pid);
        const auto it = waitersOf.find(pid);
        if (it != waitersOf.end()) {
            for (const int w : it->second) {
                if (path.count(w)) {
                    // The chain comes back to a session above: a deadlock in the making.
                    for (BlockingNode &n : out) {
                        if (path.count(n.pid))
                            n.inCycle = true;
                    }
                    continue;
                }
                if (!placed.count(w))
                    place(w, pid, depth + 1, path);
            }
        }
        path.erase(pid);
    };

    // Roots: block someone, wait for no one present.
    for (const auto &entry : waitersOf) {
        if (!blockersOf.count(entry.first)) {
            std::set<int> path;
            place(entry.first, 0, 0, path);
        }
    }
    // What is left waits in a pure cycle: start it at its lowest pid.
    for (const auto &entry : waitersOf) {
        if (!placed.count(entry.first)) {
            std::set<int> path;
            place(entry.first, 0, 0, path);  // marks the cycle's members where it closes
        }
    }
    return out;
}

} // namespace opsdeck::pg
