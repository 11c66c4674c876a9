#pragma once

// A stand-in for a Kubernetes API server, for tests only: no API server can
// run on the machines the tests run on. It serves the documented shapes of
// the apps/v1 API (https://kubernetes.io/docs/reference/kubernetes-api/):
// Deployment, ReplicaSet, the scale subresource (autoscaling/v1 Scale), Status
// errors, discovery (/api, /apis, /apis/apps/v1) as far as kubectl needs it,
// lists with limit/continue, label and field selectors, and watch streams
// (ADDED/MODIFIED/DELETED, BOOKMARK, an ERROR with 410 Gone for a version
// older than the last compaction). Writes are strategic merge patches (of
// the plain maps kubectl sends), merge patches, JSON patches, and dryRun=All.
// A small controller stands in for the deployment controller: a new pod
// template gets a new ReplicaSet with the next revision (an old template brings
// its ReplicaSet back at the next revision, as a rollback does), the status
// follows after rolloutDelayMs, and a paused Deployment rolls out nothing.
//
// It records every request (method, path, query, content type, body, the bearer
// token) so that a test can hold OpsDeck's requests up against kubectl's.
// TLS with an optional client certificate; tokens may expire.

#include <nlohmann/json.hpp>

#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace httplib {
class Server;
}

namespace testsupport {

struct KubeRecordedRequest {
    std::string method;
    std::string path;
    std::multimap<std::string, std::string> query;
    std::string contentType;
    std::string body;
    std::string token;       // the bearer token, if any
    std::string clientCert;  // the verified client certificate's subject CN, if any

    bool has(const std::string &key, const std::string &value) const;
};

class FakeKubeApiServer
{
public:
    struct Options {
        // PEM files; empty certFile: plain HTTP.
        std::string certFile, keyFile;
        std::string clientCaFile;  // set: client certificates signed by it are accepted (and none is required)
        bool requireAuth = true;   // a request without an accepted token or certificate gets 401
        int port = 0;              // 0: any free port
    };
    explicit FakeKubeApiServer(Options options);
    ~FakeKubeApiServer();

    std::string url() const;
    int port() const { return m_port; }

    // Credentials: a token accepted until expiresAt (none: forever).
    void acceptToken(const std::string &token, std::chrono::system_clock::time_point expiresAt = {});

    // Objects. A Deployment comes with its first ReplicaSet (revision 1), rolled out.
    void addDeployment(const std::string &ns, const std::string &name, const std::string &image, int replicas,
                       const nlohmann::json &labels = nlohmann::json::object(),
                       const nlohmann::json &annotations = nlohmann::json::object());
    // `kubectl set image` from elsewhere: a new template, so a new revision.
    void setImage(const std::string &ns, const std::string &name, const std::string &image,
                  const std::string &changeCause = {});
    void deleteDeployment(const std::string &ns, const std::string &name);
    nlohmann::json deployment(const std::string &ns, const std::string &name) const;
    nlohmann::json replicaSets(const std::string &ns) const;
    // The Progressing condition set to ProgressDeadlineExceeded, as the controller does.
    void exceedDeadline(const std::string &ns, const std::string &name);

    // Rollouts finish this long after a template change (0: at once).
    void setRolloutDelayMs(int ms);
    // The next write (PATCH or PUT, dry run or not) gets this answer, a Status of that code.
    void failNextWrite(int code, const std::string &reason, const std::string &message);
    // Watches asking for an older version than now get 410 Gone (an etcd compaction).
    void compact();
    // Open watch streams end without their final chunk, as a dropped connection.
    void dropWatches();
    // Watches send a BOOKMARK this often when asked to (default 1 s).
    void setBookmarkIntervalMs(int ms);

    std::vector<KubeRecordedRequest> requests() const;
    void clearRequests();
    int openWatches() const;
    std::string resourceVersion() const;

private:
    struct Event {
        long long rv;
        std::string kind;  // Deployment, ReplicaSet
        std::string type;  // ADDED, MODIFIED, DELETED
        nlohmann::json object;
    };
    void serve();
    void controllerLoop();
    nlohmann::json *findDeployment(const std::string &ns, const std::string &name);
    void touch(nlohmann::json &object, const std::string &kind, const std::string &type);
    void reconcile(nlohmann::json &deployment, bool templateChanged);
    void completeRollout(nlohmann::json &deployment);
    nlohmann::json newReplicaSet(const nlohmann::json &deployment, long long revision);

    Options m_options;
    std::unique_ptr<httplib::Server> m_server;
    std::thread m_thread;
    std::thread m_controller;
    int m_port = 0;

    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    bool m_stopping = false;
    long long m_rv = 100;
    long long m_compactedRv = 0;
    int m_dropGeneration = 0;
    int m_openWatches = 0;
    int m_bookmarkMs = 1000;
    int m_rolloutDelayMs = 0;
    int m_uid = 0;
    std::map<std::string, std::chrono::system_clock::time_point> m_tokens;
    std::vector<nlohmann::json> m_deployments;
    std::vector<nlohmann::json> m_replicaSets;
    std::vector<Event> m_events;
    std::map<std::string, std::chrono::steady_clock::time_point> m_rolloutsDue;  // ns/name -> when
    struct Failure { int code; std::string reason, message; };
    std::vector<Failure> m_failures;
    std::vector<KubeRecordedRequest> m_requests;
};

} // namespace testsupport
