// First run, driven as a user would, against the real demo environment (demo
// services, Prometheus, Alertmanager, PostgreSQL, the stand-in Kubernetes API and,
// when it runs, Docker): from no configuration to health shown, every action
// counted; every source's Test; a change on disk while the editor is open; a
// broken file shown with its lines; the running console taking a change.

#include "answer_modal.h"
#include "app_settings.h"
#include "config/config_document.h"
#include "demo_environment.h"
#include "health_model.h"
#include "main_window.h"
#include "profile_session.h"
#include "setup/config_problem_dialog.h"
#include "setup/discovery.h"
#include "setup/discovery_dialog.h"
#include "setup/first_run.h"
#include "setup/launcher.h"
#include "setup/profile_editor.h"
#include "setup/source_form.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>

using namespace opsdeck;

namespace {

// What the user does, one count per click, menu choice or field typed.
struct Actions {
    int count = 0;
    void click(QAbstractButton *button)
    {
        ++count;
        QTest::mouseClick(button, Qt::LeftButton);
    }
    void type(QLineEdit *edit, const QString &text)
    {
        ++count;
        edit->selectAll();
        QTest::keyClicks(edit, text);
    }
    void choose(QAction *action)
    {
        ++count;
        action->trigger();
    }
};

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QStringList serviceNames(const Profile &p)
{
    QStringList names;
    for (const ServiceConfig &s : p.services)
        names << s.name;
    names.sort();
    return names;
}

// Health shown: every service of the console's profile healthy in its Health panel.
bool allHealthy(MainWindow &window, int expected)
{
    HealthModel *model = window.session()->healthModel();
    if (model->serviceCount() != expected)
        return false;
    for (const ServiceConfig &s : window.session()->profile().services) {
        const auto h = model->lastHealth(s.name);
        if (!h || h->status != HealthStatus::Healthy)
            return false;
    }
    return true;
}

} // namespace

class TestFirstRun : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void discoveryAddsTheDemoServicesInFourActions();
    void firstServiceWatchedInSixActions();
    void everySourceTestPasses();
    void findsDatabasesAndClusters();
    void keychainPasswordNeverInTheFile();
    void changeOnDiskWhileEditingIsNotOverwritten();
    void brokenFileIsShownWithItsLines();
    void runningConsoleTakesTheChange();
    void editorFromTheMenu();
    void launcherBrokenFile_data();
    void launcherBrokenFile();
    void launcherUnknownProfile();

private:
    testsupport::DemoEnvironment m_demo{QStringLiteral(OPSDECK_SOURCE_DIR), QStringLiteral(OPSDECK_DEMO_BIN_DIR), true};
    Profile m_demoProfile;
    QTemporaryDir m_dir;
    AppSettings *m_settings = nullptr;
};

void TestFirstRun::initTestCase()
{
    QVERIFY2(m_demo.start(), "the demo environment did not start");
    const ConfigLoadResult loaded = loadConfigFile(m_demo.configPath());
    QVERIFY(loaded.ok());
    m_demoProfile = *loaded.config->profile(QStringLiteral("demo"));
    // The demo's database password comes from this variable, as a user's would.
    qputenv("OPSDECK_APP_PASSWORD", "ops-demo");
    m_settings = new AppSettings(m_dir.filePath(QStringLiteral("settings.ini")));
    // A Prometheus just started knows its targets after its first pass over the scrape
    // configs; the user's clicks are counted from a Prometheus that has been up a while.
    ServiceDiscovery discovery;
    int known = 0;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            bool answered = false;
            discovery.fromPrometheus(QUrl(m_demo.prometheusUrl()), {}, [&](const PrometheusDiscovery &found) {
                known = int(found.services.size());
                answered = true;
            });
            for (int waited = 0; !answered && waited < 10000; waited += 50)
                QTest::qWait(50);
            return known == 6;
        }(),
        30000);
}

void TestFirstRun::discoveryAddsTheDemoServicesInFourActions()
{
    const QString path = m_dir.filePath(QStringLiteral("discovered/config.json"));
    FirstRun welcome(ConfigDocument::open(path), {});
    welcome.show();
    QSignalSpy configured(&welcome, &FirstRun::configured);
    Actions actions;
    testsupport::answerNextModal([&](QWidget *modal) {
        const auto closeOnFailure = qScopeGuard([modal] { if (modal->isVisible()) static_cast<QDialog *>(modal)->reject(); });
        auto *dialog = qobject_cast<DiscoveryDialog *>(modal);
        QVERIFY(dialog);
        actions.type(dialog->urlEdit(), m_demo.prometheusUrl());
        actions.click(dialog->findButton());
        QTRY_VERIFY_WITH_TIMEOUT(dialog->addButton()->isEnabled(), 20000);
        // Grouped by job; the three demo services ticked, Prometheus and the exporter not.
        QCOMPARE(dialog->chosenServices().size(), 3);
        QVERIFY(dialog->tree()->topLevelItemCount() >= 4);
        actions.click(dialog->addButton());
    });
    actions.click(welcome.findButton());
    QCOMPARE(configured.size(), 1);
    QVERIFY2(actions.count <= 4, qPrintable(QStringLiteral("%1 actions").arg(actions.count)));

    const ConfigLoadResult written = loadConfigFile(path);
    QVERIFY2(written.ok(), qPrintable(written.errors.join(u'\n')));
    const Profile &p = written.config->profiles.first();
    QCOMPARE(serviceNames(p), (QStringList{QStringLiteral("api-gateway"), QStringLiteral("market-data"), QStringLiteral("trading-engine")}));
    QCOMPARE(p.prometheus->url.toString(), m_demo.prometheusUrl());
    QCOMPARE(p.alertmanagers.size(), 1);
    QCOMPARE(p.alertmanagers.first().urls, m_demoProfile.alertmanagers.first().urls);
    for (const ServiceConfig &s : p.services)
        QVERIFY2(!s.healthUrl.isEmpty() && !s.livenessUrl.isEmpty() && !s.readinessUrl.isEmpty() && !s.metricsUrl.isEmpty(),
                 qPrintable(s.name));

    // Then the console opens on it and shows their health.
    MainWindow window(*written.config, m_settings);
    window.setProfile(configured.first().first().toString());
    window.show();
    QTRY_VERIFY_WITH_TIMEOUT(allHealthy(window, 3), 20000);
}

void TestFirstRun::firstServiceWatchedInSixActions()
{
    const QString path = m_dir.filePath(QStringLiteral("by-hand/config.json"));
    FirstRun welcome(ConfigDocument::open(path), {});
    welcome.show();
    QSignalSpy configured(&welcome, &FirstRun::configured);
    const ServiceConfig &api = m_demoProfile.services.first();
    Actions actions;
    testsupport::answerNextModal([&](QWidget *modal) {
        const auto closeOnFailure = qScopeGuard([modal] { if (modal->isVisible()) static_cast<QDialog *>(modal)->reject(); });
        auto *editor = qobject_cast<ProfileEditor *>(modal);
        QVERIFY(editor);
        QCOMPARE(editor->nameEdit()->text(), QStringLiteral("default"));  // a first profile needs no naming
        auto *add = editor->findChild<QToolButton *>(QStringLiteral("addSource"));
        QVERIFY(add && add->menu());
        ++actions.count;  // opening the Add menu
        QAction *service = add->menu()->actions().first();
        QCOMPARE(service->text(), QStringLiteral("Service"));
        actions.choose(service);
        actions.type(qobject_cast<QLineEdit *>(editor->form()->fieldWidget(QStringLiteral("name"))), api.name);
        actions.type(qobject_cast<QLineEdit *>(editor->form()->fieldWidget(QStringLiteral("health_url"))), api.healthUrl.toString());
        actions.click(editor->saveButton());
    });
    actions.click(welcome.createButton());
    QCOMPARE(configured.size(), 1);
    QVERIFY2(actions.count <= 6, qPrintable(QStringLiteral("%1 actions").arg(actions.count)));
    const ConfigLoadResult written = loadConfigFile(path);
    QVERIFY2(written.ok(), qPrintable(written.errors.join(u'\n')));
    QCOMPARE(written.config->profiles.first().services.first().healthUrl, api.healthUrl);

    MainWindow window(*written.config, m_settings);
    window.setProfile(QStringLiteral("default"));
    window.show();
    QTRY_VERIFY_WITH_TIMEOUT(allHealthy(window, 1), 20000);
}

void TestFirstRun::everySourceTestPasses()
{
    ConfigDocument doc = ConfigDocument::open(m_dir.filePath(QStringLiteral("sources/config.json")));
    ProfileEditor editor(&doc, {});
    editor.show();
    QList<ProfileSource> sources = {ProfileSources::fromService(m_demoProfile.services.first()),
                                    {ProfileSource::Kind::Prometheus, {{QStringLiteral("url"), m_demo.prometheusUrl()}}},
                                    ProfileSources::fromAlertmanager(m_demoProfile.alertmanagers.first()),
                                    ProfileSources::fromDatabase(m_demoProfile.databases.first())};
    const ConfigLoadResult all = loadConfigFile(m_demo.configPath());
    const Profile *k8s = all.config->profile(QStringLiteral("demo-k8s"));
    QVERIFY(k8s && k8s->kubernetes);
    sources << ProfileSources::fromKubernetes(*k8s->kubernetes);
    if (m_demoProfile.docker)
        sources << ProfileSource{ProfileSource::Kind::Docker, {{QStringLiteral("host"), m_demoProfile.docker->host}}};
    else
        qWarning("the demo runs without Docker here: its source test is left out");
    // What each test must say it found.
    const QHash<ProfileSource::Kind, QStringList> expected = {
        {ProfileSource::Kind::Service, {QStringLiteral("health: healthy"), QStringLiteral("version 1.4.2"), QStringLiteral("metrics: "),
                                        QStringLiteral("http_request_duration_seconds"), QStringLiteral("live: healthy"), QStringLiteral("ready: healthy")}},
        {ProfileSource::Kind::Prometheus, {QStringLiteral("version: 2."), QStringLiteral("targets: 6 (")}},
        {ProfileSource::Kind::Alertmanager, {QStringLiteral("version 0."), QStringLiteral("cluster")}},
        {ProfileSource::Kind::Database, {QStringLiteral("server: PostgreSQL 1"), QStringLiteral("pg_monitor: "), QStringLiteral("pg_signal_backend: "),
                                         QStringLiteral("pg_stat_statements: ")}},
        {ProfileSource::Kind::Kubernetes, {QStringLiteral("server: Kubernetes v1."), QStringLiteral("contexts: ")}},
        {ProfileSource::Kind::Docker, {QStringLiteral("engine: Docker "), QStringLiteral("Compose projects: ")}},
    };
    QSignalSpy finished(&editor, &ProfileEditor::testFinished);
    for (const ProfileSource &source : std::as_const(sources)) {
        editor.addSource(source);
        finished.clear();
        QTest::mouseClick(editor.testButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
        const auto result = finished.first().first().value<ProbeResult>();
        const QString shown = editor.testResult()->text();
        QVERIFY2(result.ok, qPrintable(source.title() + QStringLiteral(": ") + result.summary + u' ' + result.details.join(u'|')));
        for (const QString &fact : expected.value(source.kind))
            QVERIFY2(result.details.join(u'\n').contains(fact), qPrintable(source.title() + QStringLiteral(" lacks ") + fact + u'\n' + result.details.join(u'\n')));
        QVERIFY2(shown.contains(QStringLiteral("✔")), qPrintable(shown));
    }
    // A source that is not there says why, in the same place.
    editor.addSource({ProfileSource::Kind::Prometheus, {{QStringLiteral("url"), QStringLiteral("http://127.0.0.1:9")}}});
    finished.clear();
    QTest::mouseClick(editor.testButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
    QVERIFY(!finished.first().first().value<ProbeResult>().ok);
    QVERIFY(editor.testResult()->text().contains(QStringLiteral("✖")));
}

// ~/.pgpass and the kubeconfig name what the user already reaches: proposed, ticked, tested.
void TestFirstRun::findsDatabasesAndClusters()
{
    const DatabaseConfig &app = m_demoProfile.databases.first();
    const QString pgpass = m_dir.filePath(QStringLiteral("pgpass"));
    {
        QFile f(pgpass);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QStringLiteral("# the demo\n%1:%2:%3:%4:ops-demo\n*:*:*:postgres:secret\n").arg(app.host).arg(app.port).arg(app.dbname, app.user).toUtf8());
    }
    QFile::setPermissions(pgpass, QFile::ReadOwner | QFile::WriteOwner);  // libpq ignores a file others can read
    qputenv("PGPASSFILE", pgpass.toUtf8());
    ConfigDocument doc = ConfigDocument::open(m_dir.filePath(QStringLiteral("found/config.json")));
    ProfileEditor editor(&doc, {});
    editor.show();
    QSignalSpy finished(&editor, &ProfileEditor::testFinished);
    testsupport::answerNextModal([](QWidget *modal) {
        auto *list = modal->findChild<QListWidget *>();
        QCOMPARE(list->count(), 1);  // the wildcard line names no database
        list->item(0)->setCheckState(Qt::Checked);
        static_cast<QDialog *>(modal)->accept();
    });
    editor.findDatabases(pgpass);
    QCOMPARE(editor.sources().size(), 1);
    QCOMPARE(editor.sources().first().fields.value(QStringLiteral("password_from")).toString(), QStringLiteral("pgpass"));
    QTest::mouseClick(editor.testButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
    QVERIFY2(finished.first().first().value<ProbeResult>().ok, qPrintable(finished.first().first().value<ProbeResult>().summary));

    const ConfigLoadResult all = loadConfigFile(m_demo.configPath());
    const QString kubeconfig = all.config->profile(QStringLiteral("demo-k8s"))->kubernetes->kubeconfig;
    finished.clear();
    testsupport::answerNextModal([](QWidget *modal) {
        auto *list = modal->findChild<QListWidget *>();
        QVERIFY(list->count() >= 1);
        QCOMPARE(list->item(0)->checkState(), Qt::Checked);  // the current context, first and ticked
        static_cast<QDialog *>(modal)->accept();
    });
    editor.findClusters(kubeconfig);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
    QVERIFY2(finished.first().first().value<ProbeResult>().ok, qPrintable(finished.first().first().value<ProbeResult>().summary));
    QCOMPARE(editor.sources().last().kind, ProfileSource::Kind::Kubernetes);
    QCOMPARE(editor.sources().last().fields.value(QStringLiteral("kubeconfig")).toString(), kubeconfig);
    qunsetenv("PGPASSFILE");
}

// A password typed for the keychain goes there or nowhere: never into the file.
void TestFirstRun::keychainPasswordNeverInTheFile()
{
    const QString path = m_dir.filePath(QStringLiteral("keychain/config.json"));
    ConfigDocument doc = ConfigDocument::open(path);
    ProfileEditor editor(&doc, {});
    editor.show();
    ProfileSource db = ProfileSources::fromDatabase(m_demoProfile.databases.first());
    db.fields.insert(QStringLiteral("password_from"), QStringLiteral("keychain"));
    db.fields.insert(QStringLiteral("password_key"), QString());
    editor.addSource(db);
    auto *password = qobject_cast<QLineEdit *>(editor.form()->fieldWidget(QStringLiteral("password")));
    QVERIFY(password);
    QCOMPARE(password->echoMode(), QLineEdit::Password);
    QTest::keyClicks(password, QStringLiteral("canary-7f3a"));
    QTest::mouseClick(editor.saveButton(), Qt::LeftButton);
    // Either the keychain took it and the file names the entry, or there is no keychain and nothing is written.
    QTRY_VERIFY_WITH_TIMEOUT(!editor.isVisible() || [&] {
        for (QLabel *label : editor.findChildren<QLabel *>())
            if (label->text().contains(QLatin1String("keychain")))
                return true;
        return false;
    }(), 10000);
    const QByteArray written = readAll(path);
    QVERIFY(!written.contains("canary-7f3a"));
    if (editor.isVisible())
        QVERIFY(written.isEmpty());
    else
        QVERIFY2(written.contains("\"keychain\": \"default/app\""), written.constData());
}

void TestFirstRun::changeOnDiskWhileEditingIsNotOverwritten()
{
    const QString path = m_dir.filePath(QStringLiteral("concurrent/config.json"));
    {
        ConfigDocument first = ConfigDocument::open(path);
        Profile p;
        p.name = QStringLiteral("prod");
        first.putProfile(p);
        QCOMPARE(first.save(), QString());
    }
    ConfigDocument doc = ConfigDocument::open(path);
    ProfileEditor editor(&doc, QStringLiteral("prod"));
    editor.show();
    editor.addSource(ProfileSources::fromService(m_demoProfile.services.first()));
    // opsdeck-cli config init, run meanwhile, adds a profile.
    ConfigDocument other = ConfigDocument::open(path);
    Profile staging;
    staging.name = QStringLiteral("staging");
    other.putProfile(staging);
    QCOMPARE(other.save(), QString());
    const QByteArray theirs = readAll(path);
    QTest::mouseClick(editor.saveButton(), Qt::LeftButton);
    QVERIFY(editor.isVisible());  // not accepted
    bool told = false;
    for (QLabel *label : editor.findChildren<QLabel *>())
        told = told || label->text().contains(QLatin1String("changed on disk"));
    QVERIFY(told);
    QCOMPARE(readAll(path), theirs);
}

void TestFirstRun::brokenFileIsShownWithItsLines()
{
    const QString path = m_dir.filePath(QStringLiteral("broken/config.json"));
    QDir().mkpath(QFileInfo(path).absolutePath());
    const QByteArray broken = "{\n  \"profiles\": [\n    { \"name\": \"prod\",\n      \"services\": [ { \"name\": \"api\", \"interval_s\": \"10\" } ] }\n  ]\n}\n";
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(broken);
    }
    const ConfigDocument doc = ConfigDocument::open(path);
    ConfigProblemDialog dialog(doc);
    const QString shown = dialog.findChild<QPlainTextEdit *>()->toPlainText();
    QVERIFY2(shown.contains(path + QStringLiteral(":4: profiles[0].services[0].interval_s: must be a whole number")), qPrintable(shown));
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("startOver")), Qt::LeftButton);
    QCOMPARE(dialog.choice(), ConfigProblemDialog::StartOver);
    QCOMPARE(readAll(path), broken);  // the dialog itself never touches the file
}

void TestFirstRun::runningConsoleTakesTheChange()
{
    const QString path = m_dir.filePath(QStringLiteral("live/config.json"));
    ConfigDocument doc = ConfigDocument::open(path);
    Profile one;
    one.name = QStringLiteral("one");
    one.services << m_demoProfile.services.first();
    doc.putProfile(one);
    QCOMPARE(doc.save(), QString());
    MainWindow window(*loadConfigFile(path).config, m_settings);
    window.setConfigPath(path);
    window.setProfile(QStringLiteral("one"));
    window.show();
    QTRY_VERIFY_WITH_TIMEOUT(allHealthy(window, 1), 20000);

    // Another program adds a service and a profile: the console follows without a restart.
    ConfigDocument edit = ConfigDocument::open(path);
    one.services << m_demoProfile.services.at(1);
    one.color = QStringLiteral("#c0392b");
    edit.putProfile(one);
    Profile two;
    two.name = QStringLiteral("two");
    edit.putProfile(two);
    QCOMPARE(edit.save(), QString());
    auto *box = window.findChild<QComboBox *>(QStringLiteral("profileSwitcher"));
    QTRY_COMPARE_WITH_TIMEOUT(box->count(), 2, 5000);
    QCOMPARE(window.currentProfile(), QStringLiteral("one"));
    QTRY_VERIFY_WITH_TIMEOUT(allHealthy(window, 2), 20000);

    // A change to another profile leaves the one on screen running, its session and data kept.
    ProfileSession *running = window.session();
    ConfigDocument other = ConfigDocument::open(path);
    two.readOnly = true;
    other.putProfile(two);
    QCOMPARE(other.save(), QString());
    QTest::qWait(800);
    QCOMPARE(window.session(), running);
    QCOMPARE(box->count(), 2);

    // A half-written file keeps the running profile.
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write("{ \"profiles\": [ ");
    f.close();
    QTest::qWait(800);
    QCOMPARE(window.currentProfile(), QStringLiteral("one"));
    QCOMPARE(window.session()->profile().services.size(), 2);
}

// File > Edit profile in a running console: the change is saved and shown at once.
void TestFirstRun::editorFromTheMenu()
{
    const QString path = m_dir.filePath(QStringLiteral("menu/config.json"));
    ConfigDocument doc = ConfigDocument::open(path);
    Profile prod;
    prod.name = QStringLiteral("prod");
    prod.services << m_demoProfile.services.first();
    doc.putProfile(prod);
    QCOMPARE(doc.save(), QString());
    MainWindow window(*loadConfigFile(path).config, m_settings);
    window.setConfigPath(path);
    window.setProfile(QStringLiteral("prod"));
    window.show();
    QAction *edit = nullptr;
    for (QAction *a : window.findChildren<QAction *>()) {
        if (a->text() == QStringLiteral("&Edit profile…"))
            edit = a;
    }
    QVERIFY(edit);
    bool soundBefore = false;
    testsupport::answerNextModal([&](QWidget *modal) {
        const auto closeOnFailure = qScopeGuard([modal] { if (modal->isVisible()) static_cast<QDialog *>(modal)->reject(); });
        auto *editor = qobject_cast<ProfileEditor *>(modal);
        QVERIFY(editor);
        QCOMPARE(editor->nameEdit()->text(), QStringLiteral("prod"));
        QCOMPARE(editor->sources().size(), 1);
        editor->addSource(ProfileSources::fromService(m_demoProfile.services.at(2)));
        // This machine's notifications sit beside the profile, applied on Save.
        QCheckBox *sound = nullptr;
        for (QCheckBox *c : editor->findChildren<QCheckBox *>()) {
            if (c->text() == QStringLiteral("Play a sound with alert notifications"))
                sound = c;
        }
        QVERIFY(sound);
        soundBefore = m_settings->alertSound();
        sound->setChecked(!soundBefore);
        QCOMPARE(m_settings->alertSound(), soundBefore);  // not before Save
        QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
    });
    edit->trigger();
    QCOMPARE(m_settings->alertSound(), !soundBefore);
    QCOMPARE(window.currentProfile(), QStringLiteral("prod"));
    QCOMPARE(window.session()->profile().services.size(), 2);
    QTRY_VERIFY_WITH_TIMEOUT(allHealthy(window, 2), 20000);
}

// What the console opens on, for a file that does not load: Quit, Reload after a fix,
// or Start over (a copy first), as the user answers the dialog; offscreen, exit 2.
void TestFirstRun::launcherBrokenFile_data()
{
    QTest::addColumn<QByteArray>("broken");
    QTest::addColumn<QString>("answer");
    const QByteArray badJson = "{ \"profiles\": [ { \"name\": \"prod\", } ] }";
    const QByteArray wrongType = "{ \"profiles\": [ { \"name\": \"prod\", \"read_only\": \"no\" } ] }";
    for (const QString &answer : {QStringLiteral("quit"), QStringLiteral("reload"), QStringLiteral("startOver"), QStringLiteral("offscreen")}) {
        QTest::newRow(qPrintable(QStringLiteral("bad JSON, ") + answer)) << badJson << answer;
        QTest::newRow(qPrintable(QStringLiteral("wrong type, ") + answer)) << wrongType << answer;
    }
}

void TestFirstRun::launcherBrokenFile()
{
    QFETCH(QByteArray, broken);
    QFETCH(QString, answer);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("config.json"));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(broken);
    }
    const QByteArray fixed = "{ \"profiles\": [ { \"name\": \"prod\" } ] }";
    Launcher launcher({path, {}, answer != u"offscreen", {}}, m_settings);
    if (answer != u"offscreen") {
        testsupport::answerNextModal([&](QWidget *modal) {
            const auto closeOnFailure = qScopeGuard([modal] { if (modal->isVisible()) static_cast<QDialog *>(modal)->reject(); });
            auto *dialog = qobject_cast<ConfigProblemDialog *>(modal);
            QVERIFY(dialog);
            QVERIFY(dialog->findChild<QPlainTextEdit *>()->toPlainText().startsWith(path + QStringLiteral(":1:")));
            if (answer == u"reload") {
                QFile f(path);  // fixed in an editor meanwhile
                QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
                f.write(fixed);
            }
            QTest::mouseClick(dialog->findChild<QPushButton *>(answer), Qt::LeftButton);
        });
    }
    const bool started = launcher.start();
    if (answer == u"quit" || answer == u"offscreen") {
        QVERIFY(!started);
        QCOMPARE(launcher.exitCode(), 2);
        QCOMPARE(readAll(path), broken);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1);  // nothing written beside it either
    } else if (answer == u"reload") {
        QVERIFY(started);
        QVERIFY(launcher.window());
        QCOMPARE(launcher.window()->currentProfile(), QStringLiteral("prod"));
    } else {
        // Start over: a copy of the file first, the welcome view, and the broken bytes kept as .bak once a profile is saved.
        QVERIFY(started);
        QVERIFY(launcher.firstRun() && !launcher.window());
        const QStringList copies = QDir(dir.path()).entryList({QStringLiteral("config.json.broken-*")});
        QCOMPARE(copies.size(), 1);
        QCOMPARE(readAll(dir.filePath(copies.first())), broken);
        QCOMPARE(readAll(path), broken);  // not touched until the user saves a profile
        const QString exported = dir.filePath(QStringLiteral("import.json"));
        {
            QFile f(exported);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(fixed);
        }
        launcher.firstRun()->importProfile(exported);
        QVERIFY(launcher.window());
        QCOMPARE(launcher.window()->currentProfile(), QStringLiteral("prod"));
        QCOMPARE(readAll(path + QStringLiteral(".bak")), broken);
        QVERIFY(loadConfigFile(path).ok());
    }
}

void TestFirstRun::launcherUnknownProfile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("config.json"));
    const QByteArray text = "{ \"profiles\": [ { \"name\": \"prod\" } ] }";
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(text);
    }
    Launcher launcher({path, QStringLiteral("nope"), false, {}}, m_settings);
    QVERIFY(!launcher.start());
    QCOMPARE(launcher.exitCode(), 2);
    QCOMPARE(readAll(path), text);
}

QTEST_MAIN(TestFirstRun)
#include "tst_first_run.moc"
