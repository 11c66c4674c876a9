// The Alerts panel and the acknowledge dialog on the offscreen platform,
// against a local server that answers as Alertmanager API v2 does.

#include "alert_filter.h"
#include "alert_model.h"
#include "alerts/ack_dialog.h"
#include "alerts/alert_actions.h"
#include "alerts/alert_sources.h"
#include "alerts/alerts_panel.h"
#include "alerts/silences_dialog.h"
#include "common/rfc3339.h"
#include "local_http_server.h"
#include "profile_session.h"
#include "silence_model.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QTableView>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QTreeWidget>

#include <atomic>
#include <mutex>

using namespace opsdeck;
using testsupport::Connection;
using testsupport::LocalHttpServer;
using testsupport::RecordedRequest;

class TestAlertsPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void dialogPrefillsAndPreviews();
    void dialogRefusesWhatWouldSilenceTooMuch();
    void dialogOffersUntilResolved();
    void panelListsAndAcknowledges();
    void readOnlyProfileCannotAcknowledge();
    void silenceInventoryExtendsAndExpires();
    void panelUnacknowledgesWhatItAcknowledged();
    void sinceTicksBetweenPolls();

private:
    Profile profile(bool readOnly) const;
    std::string ackedSilence(const std::string &startsAt, const std::string &endsAt) const;
    QModelIndex rowOfService(const AlertsPanel &panel, const QString &service) const;

    std::unique_ptr<LocalHttpServer> m_server;
    QTemporaryDir m_dir;
    std::mutex m_mutex;
    std::string m_posted;
    std::vector<std::string> m_deleted;
    // The server remembers one acknowledgement made through the panel, as Alertmanager would:
    // the api alert is then suppressed by it and the silence is listed.
    std::string m_ackComment;
};

namespace {

constexpr const char *groupsBody = R"([
  {"labels":{"alertname":"HighLatency"},"receiver":{"name":"console"},"alerts":[
    {"labels":{"alertname":"HighLatency","service":"api","severity":"warning","instance":"10.0.0.1:80"},
     "annotations":{"summary":"api p95 is 340 ms","runbook_url":"https://runbooks.example.invalid/high-latency"},
     "fingerprint":"1111aaaa2222bbbb","receivers":[{"name":"console"}],"startsAt":"2026-11-22T01:00:00Z",
     "endsAt":"2026-11-22T02:00:00Z","updatedAt":"2026-11-22T01:00:00Z","generatorURL":"http://prometheus.invalid/graph",
     "status":{"state":"active","silencedBy":[],"inhibitedBy":[]}},
    {"labels":{"alertname":"HighLatency","service":"web","severity":"warning","instance":"10.0.0.2:80"},
     "annotations":{"summary":"web p95 is 120 ms"},
     "fingerprint":"3333cccc4444dddd","receivers":[{"name":"console"}],"startsAt":"2026-11-22T01:05:00Z",
     "endsAt":"2026-11-22T02:00:00Z","updatedAt":"2026-11-22T01:05:00Z",
     "status":{"state":"active","silencedBy":[],"inhibitedBy":[]}}]},
  {"labels":{"alertname":"ServiceDown"},"receiver":{"name":"console"},"alerts":[
    {"labels":{"alertname":"ServiceDown","service":"db","severity":"critical","instance":"10.0.0.3:5432"},
     "annotations":{"summary":"db is down"},"fingerprint":"5555eeee6666ffff","receivers":[{"name":"console"}],
     "startsAt":"2026-11-22T01:10:00Z","endsAt":"2026-11-22T02:00:00Z","updatedAt":"2026-11-22T01:10:00Z",
     "status":{"state":"active","silencedBy":[],"inhibitedBy":[]}}]}])";

Alert alertOf(const char *name, const char *service, const char *severity)
{
    Alert a;
    a.source = QStringLiteral("main");
    a.labels = {{"alertname", name}, {"instance", std::string(service) + ":80"}, {"service", service}, {"severity", severity}};
    a.fingerprint = fingerprintOf(a.labels);
    return a;
}

QPushButton *okButton(AckDialog &dialog)
{
    return dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
}

int leaves(const QAbstractItemModel &model)
{
    int n = 0;
    for (int r = 0; r < model.rowCount(); ++r)
        n += model.rowCount(model.index(r, 0));
    return n;
}

// A session and its Alerts panel on screen, as the console shows them.
struct PanelOnScreen {
    ProfileSession session;
    AlertsPanel panel;  // destroyed first: it holds the session's models

    explicit PanelOnScreen(const Profile &profile)
        : session(profile)
    {
        panel.setSession(&session);
        panel.resize(900, 600);
        panel.show();
    }
    // The first poll answered and its three alerts listed.
    bool loaded()
    {
        QSignalSpy snapshots(&session, &ProfileSession::alertSnapshot);
        session.refreshAlerts();
        return snapshots.wait(10000) && QTest::qWaitFor([this] { return leaves(*panel.proxy()) == 3; }, 5000);
    }
};

} // namespace

void TestAlertsPanel::initTestCase()
{
    qputenv("OPSDECK_AUDIT_LOG", m_dir.filePath(QStringLiteral("audit.jsonl")).toUtf8());
    m_server = std::make_unique<LocalHttpServer>();
    m_server->route("/api/v2/alerts/groups", [this](Connection &c, const RecordedRequest &) {
        std::string body = groupsBody;
        std::lock_guard lock(m_mutex);
        if (!m_ackComment.empty()) {  // the first status is the api alert's
            const std::string active = R"("status":{"state":"active","silencedBy":[],"inhibitedBy":[]})";
            body.replace(body.find(active), active.size(), R"("status":{"state":"suppressed","silencedBy":["gui-silence-1"],"inhibitedBy":[]})");
        }
        c.respond(200, "application/json", body);
    });
    m_server->route("/api/v2/silences", [this](Connection &c, const RecordedRequest &r) {
        if (r.method == "POST") {
            std::lock_guard lock(m_mutex);
            m_posted = r.body;
            const QJsonObject posted = QJsonDocument::fromJson(QByteArray::fromStdString(r.body)).object();
            if (!posted.contains(QStringLiteral("id")))  // a new silence, not an extension
                m_ackComment = posted.value(QStringLiteral("comment")).toString().toStdString();
            c.respond(200, "application/json", R"({"silenceID":"gui-silence-1"})");
            return;
        }
        // Two silences: one ending in ten minutes that matches the api alert, one matching nothing.
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const std::string soon = formatRfc3339Ms(now + 10 * 60 * 1000).toStdString();
        const std::string later = formatRfc3339Ms(now + 5 * 3600 * 1000).toStdString();
        const std::string started = formatRfc3339Ms(now - 60000).toStdString();
        c.respond(200, "application/json",
                  R"([{"id":"s-soon","status":{"state":"active"},"comment":"ACK: db migration","createdBy":"bob","startsAt":")" + started
                      + R"(","endsAt":")" + soon + R"(","updatedAt":")" + started
                      + R"(","matchers":[{"name":"service","value":"api","isRegex":false,"isEqual":true}]},)"
                      + R"({"id":"s-none","status":{"state":"active"},"comment":"old maintenance","createdBy":"carol","startsAt":")" + started
                      + R"(","endsAt":")" + later + R"(","updatedAt":")" + started
                      + R"(","matchers":[{"name":"service","value":"gone","isRegex":false,"isEqual":true}]})"
                      + ackedSilence(started, later) + "]");
    });
    m_server->route("/api/v2/silence/gui-silence-1", [this](Connection &c, const RecordedRequest &r) {
        std::lock_guard lock(m_mutex);
        m_deleted.push_back(r.method + " gui-silence-1");
        m_ackComment.clear();
        c.respond(200, "application/json", "");
    });
    m_server->route("/api/v2/silence/s-none", [this](Connection &c, const RecordedRequest &r) {
        std::lock_guard lock(m_mutex);
        m_deleted.push_back(r.method);
        c.respond(200, "application/json", "");
    });
}

void TestAlertsPanel::init()
{
    std::lock_guard lock(m_mutex);
    m_posted.clear();
    m_deleted.clear();
    m_ackComment.clear();
}

std::string TestAlertsPanel::ackedSilence(const std::string &startsAt, const std::string &endsAt) const
{
    // Called with m_mutex held.
    if (m_ackComment.empty())
        return {};
    QJsonObject silence{
        {QStringLiteral("id"), QStringLiteral("gui-silence-1")},
        {QStringLiteral("status"), QJsonObject{{QStringLiteral("state"), QStringLiteral("active")}}},
        {QStringLiteral("comment"), QString::fromStdString(m_ackComment)},
        {QStringLiteral("createdBy"), QStringLiteral("alice")},
        {QStringLiteral("startsAt"), QString::fromStdString(startsAt)},
        {QStringLiteral("endsAt"), QString::fromStdString(endsAt)},
        {QStringLiteral("updatedAt"), QString::fromStdString(startsAt)},
        {QStringLiteral("matchers"), QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("service")},
                                                            {QStringLiteral("value"), QStringLiteral("api")},
                                                            {QStringLiteral("isRegex"), false},
                                                            {QStringLiteral("isEqual"), true}}}},
    };
    return "," + QJsonDocument(silence).toJson(QJsonDocument::Compact).toStdString();
}

Profile TestAlertsPanel::profile(bool readOnly) const
{
    Profile p;
    p.name = readOnly ? QStringLiteral("prod-ro") : QStringLiteral("prod");
    p.readOnly = readOnly;
    p.operatorName = QStringLiteral("alice");
    p.alertmanagers << AlertmanagerConfig{QStringLiteral("main"), {QUrl(QString::fromStdString(m_server->url("")))}, {}};
    return p;
}

QModelIndex TestAlertsPanel::rowOfService(const AlertsPanel &panel, const QString &service) const
{
    for (int g = 0; g < panel.proxy()->rowCount(); ++g) {
        const QModelIndex group = panel.proxy()->index(g, 0);
        for (int r = 0; r < panel.proxy()->rowCount(group); ++r) {
            const QModelIndex i = panel.proxy()->index(r, AlertModel::TargetColumn, group);
            if (i.data().toString() == service)
                return i.siblingAtColumn(0);
        }
    }
    return {};
}

void TestAlertsPanel::dialogPrefillsAndPreviews()
{
    const std::vector<Alert> current = {alertOf("HighLatency", "api", "warning"), alertOf("HighLatency", "web", "warning"),
                                        alertOf("ServiceDown", "db", "critical")};
    AckDialog dialog(AckDialog::Mode::Acknowledge, {current[0]}, current, QStringLiteral("alice"), {QStringLiteral("main")});
    dialog.show();
    auto *matchers = dialog.findChild<QPlainTextEdit *>(QStringLiteral("matchersEdit"));
    auto *comment = dialog.findChild<QLineEdit *>(QStringLiteral("commentEdit"));
    QCOMPARE(matchers->toPlainText(), QStringLiteral(R"(alertname="HighLatency", instance="api:80", service="api")"));
    QCOMPARE(comment->text(), QStringLiteral("ACK: "));
    QVERIFY(!okButton(dialog)->isEnabled());  // "ACK:" alone says nothing
    QVERIFY(dialog.problem().contains(QLatin1String("why")));
    QCOMPARE(dialog.previewCount(), 1);

    QTest::keyClicks(comment, QStringLiteral("looking at the slow query"));
    QVERIFY(okButton(dialog)->isEnabled());
    QCOMPARE(dialog.requests().size(), size_t(1));
    QCOMPARE(dialog.requests().front().comment, QStringLiteral("ACK: looking at the slow query"));
    QCOMPARE(dialog.requests().front().durationMs, 3600LL * 1000);

    // Widening the matchers widens the preview, live.
    matchers->setPlainText(QStringLiteral(R"(alertname="HighLatency")"));
    QCOMPARE(dialog.previewCount(), 2);
    matchers->setPlainText(QStringLiteral("alertname=\"HighLatency\", service=\"api\"\nalertname=\"ServiceDown\""));
    QCOMPARE(dialog.requests().size(), size_t(2));
    QCOMPARE(dialog.previewCount(), 2);
}

void TestAlertsPanel::dialogRefusesWhatWouldSilenceTooMuch()
{
    const std::vector<Alert> current = {alertOf("HighLatency", "api", "warning")};
    AckDialog dialog(AckDialog::Mode::Acknowledge, current, current, QStringLiteral("alice"), {QStringLiteral("main")});
    auto *matchers = dialog.findChild<QPlainTextEdit *>(QStringLiteral("matchersEdit"));
    dialog.findChild<QLineEdit *>(QStringLiteral("commentEdit"))->setText(QStringLiteral("ACK: on it"));
    QVERIFY(okButton(dialog)->isEnabled());
    for (const QString &text : {QString(), QStringLiteral(R"(alertname=~".*")"), QStringLiteral(R"(service="")"),
                                QStringLiteral(R"(alertname=~"(")"), QStringLiteral(R"(service!="api")")}) {
        matchers->setPlainText(text);
        QVERIFY2(!okButton(dialog)->isEnabled(), qPrintable(text));
        QVERIFY(!dialog.problem().isEmpty());
        QVERIFY(dialog.requests().empty());
        QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("problemLabel"))->text() == dialog.problem());
    }
}

void TestAlertsPanel::dialogOffersUntilResolved()
{
    const std::vector<Alert> current = {alertOf("HighLatency", "api", "warning")};
    AckDialog dialog(AckDialog::Mode::Acknowledge, current, current, QStringLiteral("alice"), {QStringLiteral("main")});
    dialog.findChild<QLineEdit *>(QStringLiteral("commentEdit"))->setText(QStringLiteral("ACK: deploy rolling back"));
    auto *duration = dialog.findChild<QComboBox *>(QStringLiteral("durationBox"));
    duration->setCurrentIndex(duration->count() - 1);
    QVERIFY(dialog.requests().front().untilResolved);
    AckDialog scratch(AckDialog::Mode::NewSilence, {}, current, QStringLiteral("alice"), {QStringLiteral("main")});
    QCOMPARE(scratch.findChild<QComboBox *>(QStringLiteral("durationBox"))->count(), duration->count() - 1);
}

void TestAlertsPanel::panelListsAndAcknowledges()
{
    PanelOnScreen shown(profile(false));
    QVERIFY(shown.loaded());
    ProfileSession &session = shown.session;
    AlertsPanel &panel = shown.panel;
    QCOMPARE(panel.summary(), QStringLiteral("1 critical · 2 warning"));

    // Filter with a matcher, then clear it.
    auto *filter = panel.findChild<QLineEdit *>(QStringLiteral("alertFilter"));
    filter->setText(QStringLiteral(R"(severity="critical")"));
    QCOMPARE(leaves(*panel.proxy()), 1);
    filter->clear();

    // Select the api alert and acknowledge it through the dialog, by keyboard.
    QTreeView *view = panel.view();
    const QModelIndex api = rowOfService(panel, QStringLiteral("api"));
    QVERIFY(api.isValid());
    view->setCurrentIndex(api);
    view->selectionModel()->select(api, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QCOMPARE(panel.selectedAlerts().size(), size_t(1));

    bool sawDialog = false;
    QTimer::singleShot(200, this, [&sawDialog] {
        auto *dialog = qobject_cast<AckDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        sawDialog = true;
        dialog->findChild<QLineEdit *>(QStringLiteral("commentEdit"))->setText(QStringLiteral("ACK: INC-4711 slow query"));
        dialog->accept();
    });
    QSignalSpy finished(session.alertActions(), &AlertActions::finished);
    view->setFocus();
    QTest::keyClick(view, Qt::Key_A);
    QVERIFY(sawDialog);
    QVERIFY(finished.wait(10000));
    QVERIFY2(finished.first().at(1).value<ActionOutcome>().ok, qPrintable(finished.first().at(1).value<ActionOutcome>().error));

    QJsonObject posted;
    {
        std::lock_guard lock(m_mutex);
        posted = QJsonDocument::fromJson(QByteArray::fromStdString(m_posted)).object();
    }
    QCOMPARE(posted.value(QStringLiteral("createdBy")).toString(), QStringLiteral("alice"));
    QVERIFY(posted.value(QStringLiteral("comment")).toString().startsWith(QLatin1String("ACK: INC-4711 slow query [opsdeck ack=")));
    QCOMPARE(posted.value(QStringLiteral("matchers")).toArray().size(), 3);
    QTRY_VERIFY(panel.findChild<QLabel *>(QStringLiteral("alertMessage"))->text().contains(QLatin1String("gui-silence-1")));

    // The audit log holds the intent and the outcome.
    QFile audit(m_dir.filePath(QStringLiteral("audit.jsonl")));
    QVERIFY(audit.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = audit.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    const QJsonObject intent = QJsonDocument::fromJson(lines[0]).object();
    const QJsonObject outcome = QJsonDocument::fromJson(lines[1]).object();
    QCOMPARE(intent.value(QStringLiteral("phase")).toString(), QStringLiteral("intent"));
    QCOMPARE(intent.value(QStringLiteral("operator")).toString(), QStringLiteral("alice"));
    QCOMPARE(outcome.value(QStringLiteral("result")).toString(), QStringLiteral("ok"));
    QCOMPARE(outcome.value(QStringLiteral("correlation")), intent.value(QStringLiteral("correlation")));
}

void TestAlertsPanel::readOnlyProfileCannotAcknowledge()
{
    ProfileSession session(profile(true));
    AlertsPanel panel;
    panel.setSession(&session);
    QSignalSpy snapshots(&session, &ProfileSession::alertSnapshot);
    session.refreshAlerts();
    QVERIFY(snapshots.wait(10000));
    panel.view()->selectAll();
    QVERIFY(!panel.selectedAlerts().empty());
    const auto actions = panel.findChildren<QAction *>();
    const auto ack = std::find_if(actions.begin(), actions.end(), [](QAction *a) { return a->text().startsWith(QLatin1String("Acknowledge")); });
    QVERIFY(ack != actions.end());
    QVERIFY(!(*ack)->isEnabled());

    // Even through the core, a read-only profile refuses and sends nothing.
    QSignalSpy finished(session.alertActions(), &AlertActions::finished);
    AckRequest request;
    request.matchers = {{"alertname", "HighLatency", false, true}};
    request.comment = QStringLiteral("ACK: x");
    session.alertActions()->acknowledge(session.alertSources()->alertmanagers().front(), request);
    QVERIFY(finished.wait(5000));
    QVERIFY(finished.first().at(1).value<ActionOutcome>().error.contains(QLatin1String("read-only")));
}

void TestAlertsPanel::silenceInventoryExtendsAndExpires()
{
    ProfileSession session(profile(false));
    QSignalSpy snapshots(&session, &ProfileSession::alertSnapshot);
    session.refreshAlerts();
    QVERIFY(snapshots.wait(10000));
    SilencesDialog dialog(&session);
    dialog.show();
    QTableView *view = dialog.view();
    QCOMPARE(view->model()->rowCount(), 2);
    // Sorted by end: the one ending soon first, flagged; the other matches nothing.
    QCOMPARE(view->model()->index(0, SilenceModel::CreatedByColumn).data().toString(), QStringLiteral("bob"));
    QVERIFY(view->model()->index(0, 0).data(SilenceModel::ExpiringSoonRole).toBool());
    QCOMPARE(view->model()->index(0, SilenceModel::MatchingColumn).data().toString(), QStringLiteral("1"));
    QVERIFY(view->model()->index(1, 0).data(SilenceModel::MatchesNothingRole).toBool());
    QCOMPARE(view->model()->index(0, SilenceModel::CommentColumn).data().toString(), QStringLiteral("ACK: db migration"));

    // Extend the one ending soon by an hour: the same silence, posted with its id and a later end.
    view->selectRow(0);
    QSignalSpy finished(session.alertActions(), &AlertActions::finished);
    auto *extend = dialog.findChild<QPushButton *>(QStringLiteral("extendButton"));
    extend->menu()->actions().first()->trigger();
    QVERIFY(finished.wait(10000));
    QVERIFY2(finished.last().at(1).value<ActionOutcome>().ok, qPrintable(finished.last().at(1).value<ActionOutcome>().error));
    QJsonObject posted;
    {
        std::lock_guard lock(m_mutex);
        posted = QJsonDocument::fromJson(QByteArray::fromStdString(m_posted)).object();
    }
    QCOMPARE(posted.value(QStringLiteral("id")).toString(), QStringLiteral("s-soon"));
    const qint64 newEnd = parseRfc3339Ms(posted.value(QStringLiteral("endsAt")).toString().toStdString()).value_or(0);
    QVERIFY(newEnd > QDateTime::currentMSecsSinceEpoch() + 65 * 60 * 1000);
    QCOMPARE(posted.value(QStringLiteral("createdBy")).toString(), QStringLiteral("bob"));  // still bob's silence

    // Expire the one that matches nothing, after the confirmation.
    const int row = view->model()->index(0, 0).data(SilenceModel::MatchesNothingRole).toBool() ? 0 : 1;
    view->selectRow(row);
    QTimer::singleShot(200, this, [] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget()))
            box->button(QMessageBox::Yes)->click();
    });
    dialog.findChild<QPushButton *>(QStringLiteral("expireButton"))->click();
    QVERIFY(finished.wait(10000));
    std::lock_guard lock(m_mutex);
    QCOMPARE(m_deleted, std::vector<std::string>{"DELETE"});
}

void TestAlertsPanel::panelUnacknowledgesWhatItAcknowledged()
{
    // As the user did when the console crashed: acknowledge an alert, then, on the same
    // selection, Unacknowledge with the toolbar button and confirm.
    PanelOnScreen shown(profile(false));
    QVERIFY(shown.loaded());
    ProfileSession &session = shown.session;
    AlertsPanel &panel = shown.panel;
    const QModelIndex api = rowOfService(panel, QStringLiteral("api"));
    QVERIFY(api.isValid());
    panel.view()->setCurrentIndex(api);
    panel.view()->selectionModel()->select(api, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);

    auto buttonFor = [&panel](const QString &text) -> QToolButton * {
        for (QToolButton *b : panel.findChildren<QToolButton *>()) {
            if (b->defaultAction() && b->defaultAction()->text() == text)
                return b;
        }
        return nullptr;
    };
    QToolButton *ack = buttonFor(QStringLiteral("Acknowledge…"));
    QToolButton *unack = buttonFor(QStringLiteral("Unacknowledge"));
    QVERIFY(ack && unack);
    QVERIFY(ack->isEnabled());
    QVERIFY(!unack->isEnabled());  // nothing acknowledged yet

    QTimer::singleShot(200, this, [] {
        if (auto *dialog = qobject_cast<AckDialog *>(QApplication::activeModalWidget())) {
            dialog->findChild<QLineEdit *>(QStringLiteral("commentEdit"))->setText(QStringLiteral("ACK: INC-4712 on it"));
            dialog->accept();
        }
    });
    QSignalSpy finished(session.alertActions(), &AlertActions::finished);
    QTest::mouseClick(ack, Qt::LeftButton);
    QVERIFY(finished.wait(10000));
    QVERIFY(finished.first().at(1).value<ActionOutcome>().ok);

    // The session polls again after an action; the selected row turns acknowledged and
    // Unacknowledge follows it without the user selecting anything again.
    QTRY_VERIFY_WITH_TIMEOUT(unack->isEnabled(), 10000);
    QCOMPARE(panel.selectedAlerts().size(), size_t(1));
    QCOMPARE(panel.selectedAlerts().front().state, AlertState::Acknowledged);
    QTRY_VERIFY(panel.findChild<QTextBrowser *>(QStringLiteral("alertDetails"))->toPlainText().contains(QLatin1String("Acknowledged by alice")));

    bool confirmed = false;
    QTimer::singleShot(200, this, [&confirmed] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
            confirmed = box->text().contains(QLatin1String("INC-4712"));
            box->button(QMessageBox::Yes)->click();
        }
    });
    finished.clear();
    QTest::mouseClick(unack, Qt::LeftButton);
    QVERIFY(confirmed);
    QVERIFY(finished.wait(10000));
    QVERIFY2(finished.first().at(1).value<ActionOutcome>().ok, qPrintable(finished.first().at(1).value<ActionOutcome>().error));
    {
        std::lock_guard lock(m_mutex);
        QCOMPARE(m_deleted, std::vector<std::string>{"DELETE gui-silence-1"});
    }
    // Back to firing on the next poll, and Unacknowledge disabled again.
    QTRY_VERIFY_WITH_TIMEOUT(!unack->isEnabled(), 10000);
    QCOMPARE(panel.selectedAlerts().front().state, AlertState::Firing);

    // The same by keyboard: U on an alert that is not acknowledged asks nothing and sends nothing.
    panel.view()->setFocus();
    QTest::keyClick(panel.view(), Qt::Key_U);
    QVERIFY(!finished.wait(500));
}

void TestAlertsPanel::sinceTicksBetweenPolls()
{
    ProfileSession session(profile(false));
    AlertsPanel panel;
    panel.setSession(&session);
    panel.show();
    QSignalSpy snapshots(&session, &ProfileSession::alertSnapshot);
    session.start();
    QVERIFY(snapshots.wait(10000));
    QTRY_COMPARE(leaves(*panel.proxy()), 3);
    std::atomic<qint64> offset{0};
    session.alertModel()->setClock([&offset] { return QDateTime::currentMSecsSinceEpoch() + offset; });
    const QModelIndex since = rowOfService(panel, QStringLiteral("api")).siblingAtColumn(AlertModel::SinceColumn);
    const QString before = since.data().toString();
    QVERIFY(!before.isEmpty());
    snapshots.clear();
    offset = qint64(30) * 86400 * 1000;  // a month later, and no poll in between
    QTRY_VERIFY_WITH_TIMEOUT(since.data().toString() != before, 3000);
    QCOMPARE(snapshots.count(), 0);
    // What the view paints is what the model says now.
    QCOMPARE(panel.view()->model()->data(since).toString(), since.data().toString());
}

QTEST_MAIN(TestAlertsPanel)
#include "tst_alerts_panel.moc"
