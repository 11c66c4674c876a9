#include "kube/kube_objects.h"

#include "common/json_fields.h"
#include "common/rfc3339.h"

#include <nlohmann/json.hpp>
#include <simdjson.h>

#include <algorithm>

namespace opsdeck {

namespace {

using nlohmann::json;
using json_fields::string;

const char *const hashLabel = "pod-template-hash";
const char *const revisionAnnotation = "deployment.kubernetes.io/revision";

const json &member(const json &object, const char *key)
{
    static const json empty;
    if (!object.is_object())
        return empty;
    const auto it = object.find(key);
    return it != object.end() ? *it : empty;
}

qint64 integer(const json &object, const char *key, qint64 fallback = 0)
{
    const json &value = member(object, key);
    return value.is_number_integer() ? value.get<qint64>() : fallback;
}

// Deployments and ReplicaSets are read with simdjson: a watch of thousands of
// them brings hundreds of kilobytes a second, a list megabytes. A missing or
// mistyped field reads as empty, as everywhere in core.
namespace dom = simdjson::dom;
using Node = simdjson::simdjson_result<dom::element>;

Node node(dom::element e)
{
    return Node(std::move(e));
}

dom::parser &parser()
{
    thread_local dom::parser p;  // reused: its buffers are what makes it fast
    return p;
}

QString text(Node n)
{
    std::string_view v;
    return n.get_string().get(v) ? QString() : QString::fromUtf8(v.data(), qsizetype(v.size()));
}

qint64 number(Node n, qint64 fallback = 0)
{
    int64_t v = 0;
    return n.get_int64().get(v) ? fallback : qint64(v);
}

bool flag(Node n)
{
    bool v = false;
    return n.get_bool().get(v) ? false : v;
}

qint64 timeOf(Node n)
{
    std::string_view v;
    return n.get_string().get(v) ? 0 : parseRfc3339Ms(v).value_or(0);
}

QMap<QString, QString> strings(Node n)
{
    QMap<QString, QString> out;
    dom::object o;
    if (n.get_object().get(o))
        return out;
    for (const dom::key_value_pair field : o) {
        std::string_view v;
        if (!field.value.get_string().get(v))
            out.insert(QString::fromUtf8(field.key.data(), qsizetype(field.key.size())), QString::fromUtf8(v.data(), qsizetype(v.size())));
    }
    return out;
}

QStringList containerImages(Node podTemplate)
{
    QStringList images;
    dom::array containers;
    if (podTemplate["spec"]["containers"].get_array().get(containers))
        return images;
    for (const dom::element c : containers)
        images << text(c["image"]);
    return images;
}

QByteArray minified(Node n)
{
    dom::element e;
    if (n.get(e))
        return QByteArrayLiteral("{}");
    return QByteArray::fromStdString(simdjson::minify(e));
}

qint64 revisionOf(const QMap<QString, QString> &annotations)
{
    return annotations.value(QString::fromLatin1(revisionAnnotation)).toLongLong();
}

// The object metadata a Deployment and a ReplicaSet share, and the revision its annotations give.
template<typename Object>
void readMetadata(Node meta, Object *o)
{
    o->nameSpace = text(meta["namespace"]);
    o->name = text(meta["name"]);
    o->uid = text(meta["uid"]);
    o->resourceVersion = text(meta["resourceVersion"]);
    o->createdMs = timeOf(meta["creationTimestamp"]);
    o->labels = strings(meta["labels"]);
    o->annotations = strings(meta["annotations"]);
    o->revision = revisionOf(o->annotations);
}

KubeDeployment readDeployment(Node object)
{
    KubeDeployment d;
    const Node meta = object["metadata"];
    readMetadata(meta, &d);
    d.generation = number(meta["generation"]);
    const Node spec = object["spec"];
    d.desired = int(number(spec["replicas"], 1));
    d.paused = flag(spec["paused"]);
    d.progressDeadlineSeconds = int(number(spec["progressDeadlineSeconds"], 600));
    d.selector = strings(spec["selector"]["matchLabels"]);
    const Node podTemplate = spec["template"];
    d.podTemplate = minified(podTemplate);
    d.images = containerImages(podTemplate);
    d.restartedAt = text(podTemplate["metadata"]["annotations"]["kubectl.kubernetes.io/restartedAt"]);
    const Node status = object["status"];
    d.observedGeneration = number(status["observedGeneration"]);
    d.replicas = int(number(status["replicas"]));
    d.updatedReplicas = int(number(status["updatedReplicas"]));
    d.readyReplicas = int(number(status["readyReplicas"]));
    d.availableReplicas = int(number(status["availableReplicas"]));
    d.unavailableReplicas = int(number(status["unavailableReplicas"]));
    dom::array conditions;
    if (!status["conditions"].get_array().get(conditions)) {
        for (const dom::element c : conditions) {
            d.conditions << KubeCondition{text(c["type"]), text(c["status"]), text(c["reason"]), text(c["message"]),
                                          std::max(timeOf(c["lastUpdateTime"]), timeOf(c["lastTransitionTime"]))};
        }
    }
    return d;
}

KubeReplicaSet readReplicaSet(Node object)
{
    KubeReplicaSet r;
    const Node meta = object["metadata"];
    readMetadata(meta, &r);
    r.changeCause = r.annotations.value(QStringLiteral("kubernetes.io/change-cause"));
    dom::array owners;
    if (!meta["ownerReferences"].get_array().get(owners)) {
        for (const dom::element owner : owners) {
            if (flag(owner["controller"]))
                r.ownerUid = text(owner["uid"]);
        }
    }
    const Node spec = object["spec"];
    r.desired = int(number(spec["replicas"], 1));
    const Node podTemplate = spec["template"];
    r.podTemplate = minified(podTemplate);
    r.images = containerImages(podTemplate);
    const Node status = object["status"];
    r.replicas = int(number(status["replicas"]));
    r.readyReplicas = int(number(status["readyReplicas"]));
    r.availableReplicas = int(number(status["availableReplicas"]));
    return r;
}

// Parses bytes with the thread's parser; the error for people when they do not parse.
QString parse(const QByteArray &bytes, dom::element *out)
{
    const simdjson::error_code code = parser().parse(bytes.constData(), size_t(bytes.size())).get(*out);
    return code ? QStringLiteral("not valid JSON: %1").arg(QString::fromUtf8(simdjson::error_message(code))) : QString();
}

template<typename T, typename Read>
KubeList<T> readList(const QByteArray &bytes, Read &&read)
{
    KubeList<T> list;
    dom::element document;
    list.error = parse(bytes, &document);
    if (!list.error.isEmpty())
        return list;
    dom::array items;
    const Node root = node(document);
    if (!document.is_object()) {
        list.error = QStringLiteral("not a list (no items)");
        return list;
    }
    const auto found = document["items"];
    if (!found.error() && !found.is_null()) {
        if (found.get_array().get(items)) {
            list.error = QStringLiteral("not a list (no items)");
            return list;
        }
        list.items.reserve(qsizetype(items.size()));
        for (const dom::element item : items)
            list.items << read(node(item));
    }
    list.resourceVersion = text(root["metadata"]["resourceVersion"]);
    list.continueToken = text(root["metadata"]["continue"]);
    list.ok = true;
    return list;
}

json parsedTemplate(const QByteArray &podTemplate)
{
    try {
        json t = json::parse(podTemplate.constBegin(), podTemplate.constEnd());
        if (t.is_object()) {
            auto meta = t.find("metadata");
            if (meta != t.end() && meta->is_object()) {
                auto labels = meta->find("labels");
                if (labels != meta->end() && labels->is_object())
                    labels->erase(hashLabel);
            }
        }
        return t;
    } catch (const json::exception &) {
        return json();
    }
}

QString scalarText(const json &value)
{
    if (value.is_string()) {
        const QString s = QString::fromStdString(value.get<std::string>());
        // Quoted where YAML would read it as something else, or where it is empty.
        static const QStringList special = {QStringLiteral("true"), QStringLiteral("false"), QStringLiteral("null"),
                                            QStringLiteral("yes"), QStringLiteral("no")};
        bool number = false;
        s.toDouble(&number);
        if (s.isEmpty() || number || special.contains(s) || s.contains(QLatin1String(": ")) || s.startsWith(u' ')
            || s.endsWith(u' ') || s.contains(u'\n'))
            return QString::fromStdString(value.dump());
        return s;
    }
    return QString::fromStdString(value.dump());
}

void renderYaml(const json &value, int depth, const QString &prefix, QStringList *lines)
{
    const QString indent(depth * 2, u' ');
    if (value.is_object()) {
        if (value.empty()) {
            *lines << indent + prefix + QStringLiteral("{}");
            return;
        }
        // Keys in order, but "name" first: a list item reads by its name, as kubectl prints it.
        std::vector<std::pair<std::string, const json *>> members;
        if (const auto name = value.find("name"); name != value.end())
            members.emplace_back("name", &*name);
        for (const auto &[key, child] : value.items()) {
            if (key != "name")
                members.emplace_back(key, &child);
        }
        bool first = true;
        for (const auto &[key, childPointer] : members) {
            const json &child = *childPointer;
            // The first key of a list item shares the item's "- " line.
            const QString lead = first && !prefix.isEmpty() ? indent + prefix : QString(depth * 2 + prefix.size(), u' ');
            first = false;
            const QString name = QString::fromStdString(key) + u':';
            if ((child.is_object() && !child.empty()) || (child.is_array() && !child.empty())) {
                *lines << lead + name;
                renderYaml(child, depth + 1 + (prefix.isEmpty() ? 0 : 1), QString(), lines);
            } else {
                QStringList one;
                renderYaml(child, 0, QString(), &one);
                *lines << lead + name + u' ' + one.value(0);
            }
        }
        return;
    }
    if (value.is_array()) {
        if (value.empty()) {
            *lines << indent + prefix + QStringLiteral("[]");
            return;
        }
        for (const json &item : value)
            renderYaml(item, depth, QStringLiteral("- "), lines);
        return;
    }
    *lines << indent + prefix + scalarText(value);
}

} // namespace

const KubeCondition *KubeDeployment::condition(const QString &type) const
{
    for (const KubeCondition &c : conditions) {
        if (c.type == type)
            return &c;
    }
    return nullptr;
}

std::optional<KubeDeployment> parseKubeDeployment(const QByteArray &bytes, QString *error)
{
    dom::element document;
    if (const QString problem = parse(bytes, &document); !problem.isEmpty()) {
        *error = problem;
        return std::nullopt;
    }
    if (text(node(document)["kind"]) != u"Deployment") {
        *error = QStringLiteral("not a Deployment");
        return std::nullopt;
    }
    return readDeployment(node(document));
}

std::optional<KubeReplicaSet> parseKubeReplicaSet(const QByteArray &bytes, QString *error)
{
    dom::element document;
    if (const QString problem = parse(bytes, &document); !problem.isEmpty()) {
        *error = problem;
        return std::nullopt;
    }
    if (text(node(document)["kind"]) != u"ReplicaSet") {
        *error = QStringLiteral("not a ReplicaSet");
        return std::nullopt;
    }
    return readReplicaSet(node(document));
}

KubeStatus parseKubeStatus(const QByteArray &bytes, int httpStatus)
{
    KubeStatus status;
    status.code = httpStatus;
    try {
        const json document = json::parse(bytes.constBegin(), bytes.constEnd());
        if (document.is_object() && string(document, "kind") == u"Status") {
            status.code = int(integer(document, "code", httpStatus));
            status.reason = string(document, "reason");
            status.message = string(document, "message");
        }
    } catch (const json::exception &) {
    }
    if (status.message.isEmpty())
        status.message = httpStatus ? QStringLiteral("HTTP %1").arg(httpStatus) : QStringLiteral("no answer");
    return status;
}

KubeList<KubeDeployment> parseKubeDeploymentList(const QByteArray &bytes)
{
    return readList<KubeDeployment>(bytes, readDeployment);
}

KubeList<KubeReplicaSet> parseKubeReplicaSetList(const QByteArray &bytes)
{
    return readList<KubeReplicaSet>(bytes, readReplicaSet);
}

KubeWatchEvent parseKubeWatchEvent(const QByteArray &line, KubeKind kind)
{
    KubeWatchEvent event;
    dom::element document;
    if (const QString problem = parse(line, &document); !problem.isEmpty()) {
        event.status.message = QStringLiteral("a watch line that is not JSON: %1").arg(problem);
        return event;
    }
    const Node root = node(document);
    const QString type = text(root["type"]);
    const Node object = root["object"];
    if (type == u"ADDED")
        event.type = KubeWatchEvent::Type::Added;
    else if (type == u"MODIFIED")
        event.type = KubeWatchEvent::Type::Modified;
    else if (type == u"DELETED")
        event.type = KubeWatchEvent::Type::Deleted;
    else if (type == u"BOOKMARK")
        event.type = KubeWatchEvent::Type::Bookmark;
    else if (type == u"ERROR")
        event.type = KubeWatchEvent::Type::Error;
    else {
        event.status.message = QStringLiteral("unknown watch event type \"%1\"").arg(type);
        return event;
    }
    event.resourceVersion = text(object["metadata"]["resourceVersion"]);
    switch (event.type) {
    case KubeWatchEvent::Type::Error:
        event.status.code = int(number(object["code"]));
        event.status.reason = text(object["reason"]);
        event.status.message = text(object["message"]);
        break;
    case KubeWatchEvent::Type::Bookmark:
        break;
    default:
        if (kind == KubeKind::Deployment)
            event.deployment = readDeployment(object);
        else
            event.replicaSet = readReplicaSet(object);
    }
    return event;
}

KubeRolloutStatus kubeRolloutStatus(const KubeDeployment &d)
{
    using State = KubeRolloutStatus::State;
    if (d.generation > d.observedGeneration)
        return {State::Waiting, QStringLiteral("Waiting for deployment spec update to be observed...")};
    const KubeCondition *progressing = d.condition(QStringLiteral("Progressing"));
    if (progressing && progressing->reason == u"ProgressDeadlineExceeded")
        return {State::Failed, QStringLiteral("deployment \"%1\" exceeded its progress deadline").arg(d.name)};
    if (d.updatedReplicas < d.desired) {
        return {State::Progressing, QStringLiteral("Waiting for deployment \"%1\" rollout to finish: %2 out of %3 new replicas have been updated...")
                                        .arg(d.name)
                                        .arg(d.updatedReplicas)
                                        .arg(d.desired)};
    }
    if (d.replicas > d.updatedReplicas) {
        return {State::Progressing, QStringLiteral("Waiting for deployment \"%1\" rollout to finish: %2 old replicas are pending termination...")
                                        .arg(d.name)
                                        .arg(d.replicas - d.updatedReplicas)};
    }
    if (d.availableReplicas < d.updatedReplicas) {
        return {State::Progressing, QStringLiteral("Waiting for deployment \"%1\" rollout to finish: %2 of %3 updated replicas are available...")
                                        .arg(d.name)
                                        .arg(d.availableReplicas)
                                        .arg(d.updatedReplicas)};
    }
    return {State::Complete, QStringLiteral("deployment \"%1\" successfully rolled out").arg(d.name)};
}

QList<KubeRevision> kubeRevisions(const KubeDeployment &deployment, const QList<KubeReplicaSet> &replicaSets)
{
    QList<KubeRevision> revisions;
    for (const KubeReplicaSet &rs : replicaSets) {
        if (rs.ownerUid.isEmpty() || rs.ownerUid != deployment.uid)
            continue;
        KubeRevision r;
        r.revision = rs.revision;
        r.replicaSet = rs.name;
        r.changeCause = rs.changeCause;
        r.images = rs.images;
        r.podTemplate = rs.podTemplate;
        r.createdMs = rs.createdMs;
        r.replicas = rs.replicas;
        r.current = rs.revision == deployment.revision && templatesMatch(rs.podTemplate, deployment.podTemplate);
        revisions << r;
    }
    std::sort(revisions.begin(), revisions.end(), [](const KubeRevision &a, const KubeRevision &b) { return a.revision < b.revision; });
    return revisions;
}

QByteArray templateWithoutHash(const QByteArray &podTemplate)
{
    const json t = parsedTemplate(podTemplate);
    return t.is_null() ? podTemplate : QByteArray::fromStdString(t.dump());
}

bool templatesMatch(const QByteArray &a, const QByteArray &b)
{
    return parsedTemplate(a) == parsedTemplate(b);
}

QStringList templateLines(const QByteArray &podTemplate)
{
    QStringList lines;
    renderYaml(parsedTemplate(podTemplate), 0, QString(), &lines);
    return lines;
}

QList<TemplateDiffLine> templateDiff(const QByteArray &from, const QByteArray &to)
{
    const QStringList a = templateLines(from);
    const QStringList b = templateLines(to);
    // A longest common subsequence over lines: templates are a few hundred lines at most.
    const qsizetype n = a.size(), m = b.size();
    std::vector<std::vector<int>> common(size_t(n + 1), std::vector<int>(size_t(m + 1), 0));
    for (qsizetype i = n - 1; i >= 0; --i) {
        for (qsizetype j = m - 1; j >= 0; --j) {
            common[size_t(i)][size_t(j)] = a[i] == b[j] ? common[size_t(i + 1)][size_t(j + 1)] + 1
                                                        : std::max(common[size_t(i + 1)][size_t(j)], common[size_t(i)][size_t(j + 1)]);
        }
    }
    QList<TemplateDiffLine> out;
    qsizetype i = 0, j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && a[i] == b[j]) {
            out << TemplateDiffLine{TemplateDiffLine::Kind::Same, a[i]};
            ++i;
            ++j;
        } else if (i < n && (j == m || common[size_t(i + 1)][size_t(j)] >= common[size_t(i)][size_t(j + 1)])) {
            // Removed before added at a tie: the old line, then what replaces it, as diff(1) shows them.
            out << TemplateDiffLine{TemplateDiffLine::Kind::Removed, a[i++]};
        } else {
            out << TemplateDiffLine{TemplateDiffLine::Kind::Added, b[j++]};
        }
    }
    return out;
}

QString gitOpsManager(const QMap<QString, QString> &labels, const QMap<QString, QString> &annotations)
{
    // Argo CD tracks what it manages by an annotation (tracking-id) or a label
    // (argocd.argoproj.io/instance, or app.kubernetes.io/instance where Argo's
    // own annotation confirms it is Argo's and not Helm's).
    const QString tracking = annotations.value(QStringLiteral("argocd.argoproj.io/tracking-id"));
    if (!tracking.isEmpty())
        return QStringLiteral("Argo CD (application %1)").arg(tracking.section(u':', 0, 0));
    const QString argoInstance = labels.value(QStringLiteral("argocd.argoproj.io/instance"));
    if (!argoInstance.isEmpty())
        return QStringLiteral("Argo CD (application %1)").arg(argoInstance);
    const QString kustomization = labels.value(QStringLiteral("kustomize.toolkit.fluxcd.io/name"));
    if (!kustomization.isEmpty()) {
        const QString ns = labels.value(QStringLiteral("kustomize.toolkit.fluxcd.io/namespace"));
        return QStringLiteral("Flux (Kustomization %1)").arg(ns.isEmpty() ? kustomization : ns + u'/' + kustomization);
    }
    const QString helmRelease = labels.value(QStringLiteral("helm.toolkit.fluxcd.io/name"));
    if (!helmRelease.isEmpty()) {
        const QString ns = labels.value(QStringLiteral("helm.toolkit.fluxcd.io/namespace"));
        return QStringLiteral("Flux (HelmRelease %1)").arg(ns.isEmpty() ? helmRelease : ns + u'/' + helmRelease);
    }
    return {};
}

Deployment kubeDeploymentRow(const KubeDeployment &d, const QString &environment)
{
    Deployment row;
    row.name = d.key();
    row.environment = environment;
    row.source = QStringLiteral("kubernetes");
    row.project = d.nameSpace;
    row.service = d.name;
    row.images = d.images;
    row.version = d.images.isEmpty() ? QString() : imageVersion(d.images.first(), {}, {});
    row.desired = d.desired;
    row.running = d.readyReplicas;
    row.healthy = d.availableReplicas;
    row.revision = d.revision;
    row.paused = d.paused;
    row.managedBy = gitOpsManager(d.labels, d.annotations);
    row.changedMs = d.createdMs;
    for (const KubeCondition &c : d.conditions)
        row.changedMs = std::max(row.changedMs, c.updatedMs);

    const KubeRolloutStatus rollout = kubeRolloutStatus(d);
    if (rollout.state == KubeRolloutStatus::State::Failed) {
        row.status = d.availableReplicas > 0 ? DeploymentStatus::Degraded : DeploymentStatus::Failed;
        const KubeCondition *progressing = d.condition(QStringLiteral("Progressing"));
        row.reason = progressing && !progressing->message.isEmpty() ? progressing->message : rollout.message;
    } else if (d.desired == 0) {
        row.status = DeploymentStatus::Stopped;
        row.reason = QStringLiteral("scaled to 0");
    } else if (rollout.state != KubeRolloutStatus::State::Complete) {
        row.status = DeploymentStatus::Rolling;
        row.reason = rollout.message;
    } else if (d.availableReplicas < d.desired) {
        row.status = d.availableReplicas == 0 ? DeploymentStatus::Failed : DeploymentStatus::Degraded;
        row.reason = QStringLiteral("%1 of %2 replicas available").arg(d.availableReplicas).arg(d.desired);
    } else {
        row.status = DeploymentStatus::Running;
    }
    if (d.paused)
        row.reason = row.reason.isEmpty() ? QStringLiteral("rollout paused") : QStringLiteral("rollout paused; ") + row.reason;
    return row;
}

} // namespace opsdeck
