#include "fake_kube_apiserver.h"

#include <httplib.h>

#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <ctime>
#include <functional>
#include <optional>
#include <sstream>
#include <stdexcept>

namespace testsupport {

using nlohmann::json;

namespace {

const char *const hashLabel = "pod-template-hash";

// The record of the request this thread serves: httplib reads a body only after
// the pre-routing handler, so the write handler fills it in.
thread_local size_t recordedIndex = 0;
const char *const revisionKey = "deployment.kubernetes.io/revision";

std::string nowText()
{
    const std::time_t t = std::time(nullptr);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
    return buffer;
}

json status(int code, const std::string &reason, const std::string &message)
{
    return {{"kind", "Status"}, {"apiVersion", "v1"}, {"metadata", json::object()}, {"status", "Failure"},
            {"message", message}, {"reason", reason}, {"code", code}};
}

json withoutHash(json podTemplate)
{
    if (podTemplate.contains("metadata") && podTemplate["metadata"].contains("labels"))
        podTemplate["metadata"]["labels"].erase(hashLabel);
    return podTemplate;
}

std::string templateHash(const json &podTemplate)
{
    std::ostringstream out;
    out << std::hex << (std::hash<std::string>{}(withoutHash(podTemplate).dump()) & 0xffffffffffULL);
    return out.str();
}

long long revisionOf(const json &object)
{
    const auto &annotations = object["metadata"].value("annotations", json::object());
    return annotations.contains(revisionKey) ? std::stoll(annotations[revisionKey].get<std::string>()) : 0;
}

// "k=v,k2==v2" (label or field selector) as its terms; nullopt when a term is not an equality.
std::optional<std::vector<std::pair<std::string, std::string>>> equalityTerms(const std::string &selector)
{
    std::vector<std::pair<std::string, std::string>> terms;
    std::stringstream parts(selector);
    std::string part;
    while (std::getline(parts, part, ',')) {
        const auto eq = part.find('=');
        if (eq == std::string::npos)
            return std::nullopt;
        std::string value = part.substr(eq + 1);
        if (!value.empty() && value[0] == '=')
            value.erase(0, 1);  // "=="
        terms.emplace_back(part.substr(0, eq), value);
    }
    return terms;
}

bool matchesSelector(const json &object, const std::string &selector)
{
    const auto terms = equalityTerms(selector);
    if (!terms)
        return false;
    const json labels = object["metadata"].value("labels", json::object());
    for (const auto &[key, value] : *terms) {
        if (!labels.contains(key) || labels[key] != value)
            return false;
    }
    return true;
}

bool matchesFields(const json &object, const std::string &selector)
{
    const auto terms = equalityTerms(selector);
    if (!terms)
        return false;
    for (const auto &[key, value] : *terms) {
        const std::string field = key == "metadata.name" ? "name" : key == "metadata.namespace" ? "namespace" : "";
        if (field.empty() || object["metadata"].value(field, std::string()) != value)
            return false;
    }
    return true;
}

json conditions(bool available, const std::string &progressingReason, const std::string &message)
{
    const std::string now = nowText();
    return json::array({
        {{"type", "Available"}, {"status", available ? "True" : "False"}, {"lastUpdateTime", now}, {"lastTransitionTime", now},
         {"reason", available ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable"},
         {"message", available ? "Deployment has minimum availability." : "Deployment does not have minimum availability."}},
        {{"type", "Progressing"}, {"status", progressingReason == "ProgressDeadlineExceeded" ? "False" : "True"},
         {"lastUpdateTime", now}, {"lastTransitionTime", now}, {"reason", progressingReason}, {"message", message}},
    });
}

} // namespace

bool KubeRecordedRequest::has(const std::string &key, const std::string &value) const
{
    const auto range = query.equal_range(key);
    for (auto it = range.first; it != range.second; ++it) {
        if (it->second == value)
            return true;
    }
    return false;
}

FakeKubeApiServer::FakeKubeApiServer(Options options)
    : m_options(std::move(options))
{
    if (m_options.certFile.empty()) {
        m_server = std::make_unique<httplib::Server>();
    } else {
        const Options o = m_options;
        m_server = std::make_unique<httplib::SSLServer>([o](SSL_CTX &ctx) {
            SSL_CTX_set_min_proto_version(&ctx, TLS1_2_VERSION);
            if (SSL_CTX_use_certificate_chain_file(&ctx, o.certFile.c_str()) != 1
                || SSL_CTX_use_PrivateKey_file(&ctx, o.keyFile.c_str(), SSL_FILETYPE_PEM) != 1)
                return false;
            if (!o.clientCaFile.empty()) {
                SSL_CTX_load_verify_locations(&ctx, o.clientCaFile.c_str(), nullptr);
                SSL_CTX_set_client_CA_list(&ctx, SSL_load_client_CA_file(o.clientCaFile.c_str()));
                SSL_CTX_set_verify(&ctx, SSL_VERIFY_PEER, [](int, X509_STORE_CTX *) { return 1; });  // judged per request
            }
            return true;
        });
    }
    // Watches hold a thread each for as long as they are open.
    m_server->new_task_queue = [] { return new httplib::ThreadPool(32); };
    serve();
    if (m_options.port > 0)
        m_port = m_server->bind_to_port("127.0.0.1", m_options.port) ? m_options.port : -1;
    else
        m_port = m_server->bind_to_any_port("127.0.0.1");
    if (m_port <= 0)
        throw std::runtime_error("the fake Kubernetes API server cannot listen on 127.0.0.1:" + std::to_string(m_options.port));
    m_thread = std::thread([this] { m_server->listen_after_bind(); });
    m_controller = std::thread([this] { controllerLoop(); });
    while (!m_server->is_running())
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
}

FakeKubeApiServer::~FakeKubeApiServer()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_changed.notify_all();
    m_server->stop();
    m_thread.join();
    m_controller.join();
}

std::string FakeKubeApiServer::url() const
{
    return (m_options.certFile.empty() ? "http://127.0.0.1:" : "https://127.0.0.1:") + std::to_string(m_port);
}

void FakeKubeApiServer::acceptToken(const std::string &token, std::chrono::system_clock::time_point expiresAt)
{
    std::lock_guard lock(m_mutex);
    m_tokens[token] = expiresAt;
}

json *FakeKubeApiServer::findDeployment(const std::string &ns, const std::string &name)
{
    for (json &d : m_deployments) {
        if (d["metadata"]["namespace"] == ns && d["metadata"]["name"] == name)
            return &d;
    }
    return nullptr;
}

void FakeKubeApiServer::touch(json &object, const std::string &kind, const std::string &type)
{
    object["metadata"]["resourceVersion"] = std::to_string(++m_rv);
    m_events.push_back({m_rv, kind, type, object});
    m_changed.notify_all();
}

json FakeKubeApiServer::newReplicaSet(const json &deployment, long long revision)
{
    const json &meta = deployment["metadata"];
    json podTemplate = withoutHash(deployment["spec"]["template"]);
    const std::string hash = templateHash(podTemplate);
    podTemplate["metadata"]["labels"][hashLabel] = hash;
    json selector = deployment["spec"]["selector"];
    selector["matchLabels"][hashLabel] = hash;
    json labels = podTemplate["metadata"]["labels"];
    const int replicas = deployment["spec"].value("replicas", 1);
    json annotations = {{revisionKey, std::to_string(revision)},
                        {"deployment.kubernetes.io/desired-replicas", std::to_string(replicas)},
                        {"deployment.kubernetes.io/max-replicas", std::to_string(replicas + (replicas + 3) / 4)}};
    return {{"kind", "ReplicaSet"},
            {"apiVersion", "apps/v1"},
            {"metadata",
             {{"name", meta["name"].get<std::string>() + "-" + hash},
              {"namespace", meta["namespace"]},
              {"uid", "rs-uid-" + std::to_string(++m_uid)},
              {"generation", 1},
              {"creationTimestamp", nowText()},
              {"labels", labels},
              {"annotations", annotations},
              {"ownerReferences", json::array({{{"apiVersion", "apps/v1"}, {"kind", "Deployment"}, {"name", meta["name"]},
                                                 {"uid", meta["uid"]}, {"controller", true}, {"blockOwnerDeletion", true}}})}}},
            {"spec", {{"replicas", 0}, {"selector", selector}, {"template", podTemplate}}},
            {"status", {{"replicas", 0}, {"observedGeneration", 1}}}};
}

void FakeKubeApiServer::addDeployment(const std::string &ns, const std::string &name, const std::string &image, int replicas,
                                      const json &labels, const json &annotations)
{
    std::lock_guard lock(m_mutex);
    json allLabels = labels;
    allLabels["app"] = name;
    json podTemplate = {
        {"metadata", {{"creationTimestamp", nullptr}, {"labels", {{"app", name}}}}},
        {"spec",
         {{"containers", json::array({{{"name", name},
                                       {"image", image},
                                       {"ports", json::array({{{"containerPort", 8080}, {"protocol", "TCP"}}})},
                                       {"resources", json::object()},
                                       {"terminationMessagePath", "/dev/termination-log"},
                                       {"terminationMessagePolicy", "File"},
                                       {"imagePullPolicy", "IfNotPresent"}}})},
          {"restartPolicy", "Always"},
          {"terminationGracePeriodSeconds", 30},
          {"dnsPolicy", "ClusterFirst"},
          {"securityContext", json::object()},
          {"schedulerName", "default-scheduler"}}}};
    json d = {{"kind", "Deployment"},
              {"apiVersion", "apps/v1"},
              {"metadata",
               {{"name", name}, {"namespace", ns}, {"uid", "deploy-uid-" + std::to_string(++m_uid)}, {"generation", 1},
                {"creationTimestamp", nowText()}, {"labels", allLabels}, {"annotations", annotations}}},
              {"spec",
               {{"replicas", replicas},
                {"selector", {{"matchLabels", {{"app", name}}}}},
                {"template", podTemplate},
                {"strategy", {{"type", "RollingUpdate"}, {"rollingUpdate", {{"maxUnavailable", "25%"}, {"maxSurge", "25%"}}}}},
                {"revisionHistoryLimit", 10},
                {"progressDeadlineSeconds", 600}}},
              {"status", json::object()}};
    m_deployments.push_back(d);
    reconcile(m_deployments.back(), true);
}

void FakeKubeApiServer::reconcile(json &d, bool templateChanged)
{
    d["status"]["observedGeneration"] = d["metadata"].value("generation", 1);
    const bool paused = d["spec"].value("paused", false);
    const std::string ns = d["metadata"]["namespace"], name = d["metadata"]["name"];
    if (paused) {
        d["status"]["conditions"] = conditions(d["status"].value("availableReplicas", 0) > 0, "DeploymentPaused", "Deployment is paused");
        touch(d, "Deployment", "MODIFIED");
        return;
    }
    if (templateChanged) {
        long long newest = 0;
        json *match = nullptr;
        const json wanted = withoutHash(d["spec"]["template"]);
        for (json &rs : m_replicaSets) {
            if (rs["metadata"]["ownerReferences"][0]["uid"] != d["metadata"]["uid"])
                continue;
            newest = std::max(newest, revisionOf(rs));
            if (withoutHash(rs["spec"]["template"]) == wanted)
                match = &rs;
        }
        // An earlier template comes back as its own ReplicaSet with the next revision: a rollback.
        json annotations = d["metadata"].value("annotations", json::object());
        if (!match) {
            m_replicaSets.push_back(newReplicaSet(d, newest + 1));
            match = &m_replicaSets.back();
        } else {
            match->at("metadata")["annotations"][revisionKey] = std::to_string(newest + 1);
        }
        for (const auto &[key, value] : annotations.items()) {
            if (key != revisionKey && key != "kubectl.kubernetes.io/last-applied-configuration")
                match->at("metadata")["annotations"][key] = value;
        }
        touch(*match, "ReplicaSet", match->at("metadata").contains("resourceVersion") ? "MODIFIED" : "ADDED");
        d["metadata"]["annotations"][revisionKey] = std::to_string(newest + 1);
        if (m_rolloutDelayMs > 0 && newest > 0) {
            d["status"]["updatedReplicas"] = 0;
            d["status"]["conditions"] = conditions(true, "ReplicaSetUpdated",
                                                   "ReplicaSet \"" + match->at("metadata")["name"].get<std::string>() + "\" is progressing.");
            m_rolloutsDue[ns + "/" + name] = std::chrono::steady_clock::now() + std::chrono::milliseconds(m_rolloutDelayMs);
            touch(d, "Deployment", "MODIFIED");
            return;
        }
    }
    completeRollout(d);
}

void FakeKubeApiServer::completeRollout(json &d)
{
    const int replicas = d["spec"].value("replicas", 1);
    const long long revision = revisionOf(d);
    std::string current;
    for (json &rs : m_replicaSets) {
        if (rs["metadata"]["ownerReferences"][0]["uid"] != d["metadata"]["uid"])
            continue;
        const int want = revisionOf(rs) == revision ? replicas : 0;
        if (want > 0 || revisionOf(rs) == revision)
            current = rs["metadata"]["name"];
        if (rs["spec"]["replicas"] != want) {
            rs["spec"]["replicas"] = want;
            rs["status"] = {{"replicas", want}, {"fullyLabeledReplicas", want}, {"readyReplicas", want},
                            {"availableReplicas", want}, {"observedGeneration", 1}};
            touch(rs, "ReplicaSet", "MODIFIED");
        }
    }
    d["status"]["replicas"] = replicas;
    d["status"]["updatedReplicas"] = replicas;
    d["status"]["readyReplicas"] = replicas;
    d["status"]["availableReplicas"] = replicas;
    d["status"].erase("unavailableReplicas");
    d["status"]["observedGeneration"] = d["metadata"].value("generation", 1);
    d["status"]["conditions"] = conditions(true, "NewReplicaSetAvailable", "ReplicaSet \"" + current + "\" has successfully progressed.");
    const bool isNew = !d["metadata"].contains("resourceVersion");
    touch(d, "Deployment", isNew ? "ADDED" : "MODIFIED");
}

void FakeKubeApiServer::controllerLoop()
{
    std::unique_lock lock(m_mutex);
    while (!m_stopping) {
        m_changed.wait_for(lock, std::chrono::milliseconds(50));
        const auto now = std::chrono::steady_clock::now();
        for (auto it = m_rolloutsDue.begin(); it != m_rolloutsDue.end();) {
            if (it->second > now) {
                ++it;
                continue;
            }
            const auto slash = it->first.find('/');
            if (json *d = findDeployment(it->first.substr(0, slash), it->first.substr(slash + 1)))
                completeRollout(*d);
            it = m_rolloutsDue.erase(it);
        }
    }
}

void FakeKubeApiServer::setImage(const std::string &ns, const std::string &name, const std::string &image, const std::string &changeCause)
{
    std::lock_guard lock(m_mutex);
    json *d = findDeployment(ns, name);
    if (!d)
        return;
    (*d)["spec"]["template"]["spec"]["containers"][0]["image"] = image;
    if (!changeCause.empty())
        (*d)["metadata"]["annotations"]["kubernetes.io/change-cause"] = changeCause;
    (*d)["metadata"]["generation"] = (*d)["metadata"].value("generation", 1) + 1;
    reconcile(*d, true);
}

void FakeKubeApiServer::deleteDeployment(const std::string &ns, const std::string &name)
{
    std::lock_guard lock(m_mutex);
    for (auto it = m_deployments.begin(); it != m_deployments.end(); ++it) {
        if ((*it)["metadata"]["namespace"] == ns && (*it)["metadata"]["name"] == name) {
            json gone = *it;
            m_deployments.erase(it);
            touch(gone, "Deployment", "DELETED");
            return;
        }
    }
}

json FakeKubeApiServer::deployment(const std::string &ns, const std::string &name) const
{
    std::lock_guard lock(m_mutex);
    for (const json &d : m_deployments) {
        if (d["metadata"]["namespace"] == ns && d["metadata"]["name"] == name)
            return d;
    }
    return nullptr;
}

json FakeKubeApiServer::replicaSets(const std::string &ns) const
{
    std::lock_guard lock(m_mutex);
    json out = json::array();
    for (const json &rs : m_replicaSets) {
        if (rs["metadata"]["namespace"] == ns)
            out.push_back(rs);
    }
    return out;
}

void FakeKubeApiServer::exceedDeadline(const std::string &ns, const std::string &name)
{
    std::lock_guard lock(m_mutex);
    if (json *d = findDeployment(ns, name)) {
        m_rolloutsDue.erase(ns + "/" + name);
        (*d)["status"]["conditions"] = conditions(true, "ProgressDeadlineExceeded", "ReplicaSet has timed out progressing.");
        touch(*d, "Deployment", "MODIFIED");
    }
}

void FakeKubeApiServer::setRolloutDelayMs(int ms)
{
    std::lock_guard lock(m_mutex);
    m_rolloutDelayMs = ms;
}

void FakeKubeApiServer::failNextWrite(int code, const std::string &reason, const std::string &message)
{
    std::lock_guard lock(m_mutex);
    m_failures.push_back({code, reason, message});
}

void FakeKubeApiServer::compact()
{
    std::lock_guard lock(m_mutex);
    m_compactedRv = m_rv;
}

void FakeKubeApiServer::dropWatches()
{
    std::lock_guard lock(m_mutex);
    ++m_dropGeneration;
    m_changed.notify_all();
}

void FakeKubeApiServer::setBookmarkIntervalMs(int ms)
{
    std::lock_guard lock(m_mutex);
    m_bookmarkMs = ms;
}

std::vector<KubeRecordedRequest> FakeKubeApiServer::requests() const
{
    std::lock_guard lock(m_mutex);
    return m_requests;
}

void FakeKubeApiServer::clearRequests()
{
    std::lock_guard lock(m_mutex);
    m_requests.clear();
}

int FakeKubeApiServer::openWatches() const
{
    std::lock_guard lock(m_mutex);
    return m_openWatches;
}

std::string FakeKubeApiServer::resourceVersion() const
{
    std::lock_guard lock(m_mutex);
    return std::to_string(m_rv);
}

void FakeKubeApiServer::serve()
{
    httplib::Server &s = *m_server;
    auto sendJson = [](httplib::Response &res, int code, const json &body) {
        res.status = code;
        res.set_content(body.dump(), "application/json");
    };

    // Records the request and answers 401 when it carries no accepted credential.
    s.set_pre_routing_handler([this, sendJson](const httplib::Request &req, httplib::Response &res) {
        KubeRecordedRequest recorded;
        recorded.method = req.method;
        recorded.path = req.path;
        for (const auto &[k, v] : req.params)
            recorded.query.emplace(k, v);
        recorded.contentType = req.get_header_value("Content-Type");
        recorded.body = req.body;
        const std::string authorization = req.get_header_value("Authorization");
        if (authorization.rfind("Bearer ", 0) == 0)
            recorded.token = authorization.substr(7);
        if (req.ssl) {
            if (X509 *cert = SSL_get_peer_certificate(req.ssl)) {
                if (SSL_get_verify_result(req.ssl) == X509_V_OK) {
                    char cn[256] = {};
                    X509_NAME_get_text_by_NID(X509_get_subject_name(cert), NID_commonName, cn, sizeof cn);
                    recorded.clientCert = cn;
                }
                X509_free(cert);
            }
        }
        std::lock_guard lock(m_mutex);
        recordedIndex = m_requests.size();
        m_requests.push_back(recorded);
        if (!m_options.requireAuth || !recorded.clientCert.empty())
            return httplib::Server::HandlerResponse::Unhandled;
        const auto token = m_tokens.find(recorded.token);
        const bool valid = token != m_tokens.end()
                           && (token->second == std::chrono::system_clock::time_point{} || std::chrono::system_clock::now() < token->second);
        if (valid)
            return httplib::Server::HandlerResponse::Unhandled;
        sendJson(res, 401, status(401, "Unauthorized", "Unauthorized"));
        return httplib::Server::HandlerResponse::Handled;
    });

    // Discovery, as far as kubectl's resource mapping needs it.
    s.Get("/version", [sendJson](const httplib::Request &, httplib::Response &res) {
        sendJson(res, 200, {{"major", "1"}, {"minor", "32"}, {"gitVersion", "v1.32.0-fake"}, {"platform", "linux/amd64"}});
    });
    s.Get("/api", [sendJson](const httplib::Request &, httplib::Response &res) {
        sendJson(res, 200, {{"kind", "APIVersions"}, {"versions", {"v1"}}, {"serverAddressByClientCIDRs", json::array()}});
    });
    s.Get("/api/v1", [sendJson](const httplib::Request &, httplib::Response &res) {
        sendJson(res, 200, {{"kind", "APIResourceList"}, {"groupVersion", "v1"},
                            {"resources", json::array({{{"name", "pods"}, {"singularName", "pod"}, {"namespaced", true}, {"kind", "Pod"},
                                                        {"verbs", {"get", "list", "watch"}}, {"shortNames", {"po"}}}})}});
    });
    s.Get("/apis", [sendJson](const httplib::Request &, httplib::Response &res) {
        auto group = [](const char *name) {
            const std::string gv = std::string(name) + "/v1";
            return json{{"name", name}, {"versions", json::array({{{"groupVersion", gv}, {"version", "v1"}}})},
                        {"preferredVersion", {{"groupVersion", gv}, {"version", "v1"}}}};
        };
        sendJson(res, 200, {{"kind", "APIGroupList"}, {"apiVersion", "v1"}, {"groups", json::array({group("apps"), group("autoscaling")})}});
    });
    s.Get("/apis/apps/v1", [sendJson](const httplib::Request &, httplib::Response &res) {
        const json verbs = {"create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"};
        sendJson(res, 200,
                 {{"kind", "APIResourceList"}, {"apiVersion", "v1"}, {"groupVersion", "apps/v1"},
                  {"resources", json::array({
                                    {{"name", "deployments"}, {"singularName", "deployment"}, {"namespaced", true}, {"kind", "Deployment"},
                                     {"verbs", verbs}, {"shortNames", {"deploy"}}, {"categories", {"all"}}},
                                    {{"name", "deployments/scale"}, {"singularName", ""}, {"namespaced", true}, {"group", "autoscaling"},
                                     {"version", "v1"}, {"kind", "Scale"}, {"verbs", {"get", "patch", "update"}}},
                                    {{"name", "deployments/status"}, {"singularName", ""}, {"namespaced", true}, {"kind", "Deployment"},
                                     {"verbs", {"get", "patch", "update"}}},
                                    {{"name", "replicasets"}, {"singularName", "replicaset"}, {"namespaced", true}, {"kind", "ReplicaSet"},
                                     {"verbs", verbs}, {"shortNames", {"rs"}}, {"categories", {"all"}}},
                                })}});
    });
    s.Get("/apis/autoscaling/v1", [sendJson](const httplib::Request &, httplib::Response &res) {
        sendJson(res, 200, {{"kind", "APIResourceList"}, {"apiVersion", "v1"}, {"groupVersion", "autoscaling/v1"}, {"resources", json::array()}});
    });

    // Lists and watches, in one namespace or all.
    auto listOrWatch = [this, sendJson](const httplib::Request &req, httplib::Response &res, const std::string &ns,
                                        const std::string &resource) {
        const std::string kind = resource == "deployments" ? "Deployment" : "ReplicaSet";
        const std::string labels = req.get_param_value("labelSelector");
        const std::string fields = req.get_param_value("fieldSelector");
        auto matches = [ns, labels, fields](const json &o) {
            return (ns.empty() || o["metadata"]["namespace"] == ns) && matchesSelector(o, labels) && matchesFields(o, fields);
        };
        const std::string watch = req.get_param_value("watch");
        if (watch != "1" && watch != "true") {
            std::lock_guard lock(m_mutex);
            const std::vector<json> &store = kind == "Deployment" ? m_deployments : m_replicaSets;
            std::vector<json> items;
            for (const json &o : store) {
                if (matches(o))
                    items.push_back(o);
            }
            const size_t limit = req.has_param("limit") ? std::stoul(req.get_param_value("limit")) : 0;
            size_t offset = 0;
            std::string listRv = std::to_string(m_rv);
            if (req.has_param("continue")) {
                const std::string token = req.get_param_value("continue");
                const auto colon = token.find(':');
                listRv = token.substr(0, colon);
                offset = std::stoul(token.substr(colon + 1));
            }
            json page = json::array();
            size_t i = offset;
            for (; i < items.size() && (limit == 0 || page.size() < limit); ++i) {
                json item = items[i];
                item.erase("kind");
                item.erase("apiVersion");
                page.push_back(item);
            }
            json meta = {{"resourceVersion", listRv}};
            if (i < items.size())
                meta["continue"] = listRv + ":" + std::to_string(i);
            sendJson(res, 200, {{"kind", kind + "List"}, {"apiVersion", "apps/v1"}, {"metadata", meta}, {"items", page}});
            return;
        }
        // A watch: from the version asked for (all current objects as ADDED when none), bookmarks when allowed.
        const std::string from = req.get_param_value("resourceVersion");
        const bool bookmarks = req.get_param_value("allowWatchBookmarks") == "true";
        const int timeoutSeconds = req.has_param("timeoutSeconds") ? std::stoi(req.get_param_value("timeoutSeconds")) : 1800;
        struct State {
            long long cursor = 0;
            bool initial = false;
            bool expired = false;
            int dropGeneration = 0;
            std::chrono::steady_clock::time_point end, nextBookmark;
        };
        auto state = std::make_shared<State>();
        {
            std::lock_guard lock(m_mutex);
            state->cursor = from.empty() || from == "0" ? m_rv : std::stoll(from);
            state->initial = from.empty() || from == "0";
            state->expired = !state->initial && state->cursor < m_compactedRv;
            state->dropGeneration = m_dropGeneration;
            ++m_openWatches;
        }
        state->end = std::chrono::steady_clock::now() + std::chrono::seconds(timeoutSeconds);
        res.status = 200;
        res.set_chunked_content_provider(
            "application/json",
            [this, state, kind, matches, bookmarks](size_t, httplib::DataSink &sink) {
                std::unique_lock lock(m_mutex);
                auto write = [&sink](const json &event) {
                    const std::string line = event.dump() + "\n";
                    return sink.write(line.data(), line.size());
                };
                if (state->expired) {
                    write({{"type", "ERROR"},
                           {"object", status(410, "Expired", "too old resource version: " + std::to_string(state->cursor) + " ("
                                                                 + std::to_string(m_compactedRv) + ")")}});
                    sink.done();
                    return true;
                }
                if (state->initial) {
                    state->initial = false;
                    for (const json &o : kind == "Deployment" ? m_deployments : m_replicaSets) {
                        if (matches(o) && !write({{"type", "ADDED"}, {"object", o}}))
                            return false;
                    }
                }
                if (state->nextBookmark == std::chrono::steady_clock::time_point{})
                    state->nextBookmark = std::chrono::steady_clock::now() + std::chrono::milliseconds(m_bookmarkMs);
                m_changed.wait_for(lock, std::chrono::milliseconds(50));
                if (m_stopping || m_dropGeneration != state->dropGeneration)
                    return false;  // no final chunk: the client sees a dropped connection
                for (const Event &e : m_events) {
                    if (e.rv <= state->cursor)
                        continue;
                    state->cursor = e.rv;
                    if (e.kind == kind && matches(e.object) && !write({{"type", e.type}, {"object", e.object}}))
                        return false;
                }
                const auto now = std::chrono::steady_clock::now();
                if (bookmarks && now >= state->nextBookmark) {
                    state->nextBookmark = now + std::chrono::milliseconds(m_bookmarkMs);
                    state->cursor = std::max(state->cursor, m_rv);
                    if (!write({{"type", "BOOKMARK"},
                                {"object", {{"kind", kind}, {"apiVersion", "apps/v1"}, {"metadata", {{"resourceVersion", std::to_string(m_rv)}}}}}}))
                        return false;
                }
                if (now >= state->end)
                    sink.done();
                return true;
            },
            [this](bool) {
                std::lock_guard lock(m_mutex);
                --m_openWatches;
            });
    };
    s.Get(R"(/apis/apps/v1/namespaces/([^/]+)/(deployments|replicasets))", [listOrWatch](const httplib::Request &req, httplib::Response &res) {
        listOrWatch(req, res, req.matches[1], req.matches[2]);
    });
    s.Get(R"(/apis/apps/v1/(deployments|replicasets))", [listOrWatch](const httplib::Request &req, httplib::Response &res) {
        listOrWatch(req, res, {}, req.matches[1]);
    });

    auto scaleOf = [](const json &d) {
        const json &meta = d["metadata"];
        std::string selector;
        for (const auto &[k, v] : d["spec"]["selector"]["matchLabels"].items())
            selector += (selector.empty() ? "" : ",") + k + "=" + v.get<std::string>();
        return json{{"kind", "Scale"}, {"apiVersion", "autoscaling/v1"},
                    {"metadata", {{"name", meta["name"]}, {"namespace", meta["namespace"]}, {"uid", meta["uid"]},
                                  {"resourceVersion", meta["resourceVersion"]}, {"creationTimestamp", meta["creationTimestamp"]}}},
                    {"spec", {{"replicas", d["spec"]["replicas"]}}},
                    {"status", {{"replicas", d["status"].value("replicas", 0)}, {"selector", selector}}}};
    };
    s.Get(R"(/apis/apps/v1/namespaces/([^/]+)/(deployments|replicasets)/([^/]+)(/scale)?)",
          [this, sendJson, scaleOf](const httplib::Request &req, httplib::Response &res) {
              std::lock_guard lock(m_mutex);
              const std::string ns = req.matches[1], resource = req.matches[2], name = req.matches[3];
              const std::vector<json> &store = resource == "deployments" ? m_deployments : m_replicaSets;
              for (const json &o : store) {
                  if (o["metadata"]["namespace"] == ns && o["metadata"]["name"] == name) {
                      sendJson(res, 200, req.matches[4].length() ? scaleOf(o) : o);
                      return;
                  }
              }
              sendJson(res, 404, status(404, "NotFound", resource + ".apps \"" + name + "\" not found"));
          });

    // Writes: a patch of the Deployment or of its scale, or a PUT of its scale.
    auto write = [this, sendJson, scaleOf](const httplib::Request &req, httplib::Response &res) {
        std::lock_guard lock(m_mutex);
        const std::string ns = req.matches[1], name = req.matches[2];
        const bool scale = req.matches[3].length() > 0;
        if (recordedIndex < m_requests.size() && m_requests[recordedIndex].path == req.path)
            m_requests[recordedIndex].body = req.body;
        json *d = findDeployment(ns, name);
        if (!d) {
            sendJson(res, 404, status(404, "NotFound", "deployments.apps \"" + name + "\" not found"));
            return;
        }
        if (!m_failures.empty()) {
            const Failure f = m_failures.front();
            m_failures.erase(m_failures.begin());
            sendJson(res, f.code, status(f.code, f.reason, f.message));
            return;
        }
        json body = json::parse(req.body, nullptr, false);
        if (body.is_discarded()) {
            sendJson(res, 400, status(400, "BadRequest", "the body is not JSON"));
            return;
        }
        const std::string type = req.get_header_value("Content-Type");
        json updated = *d;
        try {
            if (scale) {
                json wanted = scaleOf(*d);
                if (req.method == "PUT") {
                    const std::string rv = body["metadata"].value("resourceVersion", std::string());
                    if (!rv.empty() && rv != (*d)["metadata"]["resourceVersion"]) {
                        sendJson(res, 409, status(409, "Conflict", "Operation cannot be fulfilled on deployments.apps \"" + name
                                                                       + "\": the object has been modified; please apply your changes to the latest version and try again"));
                        return;
                    }
                    wanted = body;
                } else {
                    wanted.merge_patch(body);
                }
                updated["spec"]["replicas"] = wanted["spec"]["replicas"];
            } else if (type.rfind("application/json-patch+json", 0) == 0) {
                updated = updated.patch(body);
            } else if (type.rfind("application/merge-patch+json", 0) == 0 || type.rfind("application/strategic-merge-patch+json", 0) == 0) {
                // Strategic merge on the plain maps kubectl sends for these actions is a merge patch.
                const std::string rv = body.contains("metadata") ? body["metadata"].value("resourceVersion", std::string()) : std::string();
                if (!rv.empty() && rv != (*d)["metadata"]["resourceVersion"]) {
                    sendJson(res, 409, status(409, "Conflict", "the object has been modified"));
                    return;
                }
                updated.merge_patch(body);
            } else {
                sendJson(res, 415, status(415, "UnsupportedMediaType", "the body of the request was in an unknown format: " + type));
                return;
            }
        } catch (const json::exception &e) {
            sendJson(res, 422, status(422, "Invalid", e.what()));
            return;
        }
        if (!updated["spec"].contains("replicas") || !updated["spec"]["replicas"].is_number_integer() || updated["spec"]["replicas"].get<int>() < 0) {
            sendJson(res, 422, status(422, "Invalid", "spec.replicas: Invalid value: must be greater than or equal to 0"));
            return;
        }
        if (req.get_param_value("dryRun") == "All") {
            sendJson(res, 200, scale ? scaleOf(updated) : updated);
            return;
        }
        const bool templateChanged = withoutHash(updated["spec"]["template"]) != withoutHash((*d)["spec"]["template"]);
        const bool specChanged = updated["spec"] != (*d)["spec"];
        const bool pausedBefore = (*d)["spec"].value("paused", false);
        *d = updated;
        if (specChanged) {
            (*d)["metadata"]["generation"] = (*d)["metadata"].value("generation", 1) + 1;
            // Resuming rolls out what was held back while paused.
            const bool resumed = pausedBefore && !(*d)["spec"].value("paused", false);
            bool pending = false;
            if (resumed) {
                const long long revision = revisionOf(*d);
                for (const json &rs : m_replicaSets) {
                    if (rs["metadata"]["ownerReferences"][0]["uid"] == (*d)["metadata"]["uid"] && revisionOf(rs) == revision)
                        pending = withoutHash(rs["spec"]["template"]) != withoutHash((*d)["spec"]["template"]);
                }
            }
            reconcile(*d, templateChanged || pending);
        } else {
            touch(*d, "Deployment", "MODIFIED");
        }
        sendJson(res, 200, scale ? scaleOf(*d) : *d);
    };
    s.Patch(R"(/apis/apps/v1/namespaces/([^/]+)/deployments/([^/]+)(/scale)?)", write);
    s.Put(R"(/apis/apps/v1/namespaces/([^/]+)/deployments/([^/]+)(/scale))", write);
}

} // namespace testsupport
