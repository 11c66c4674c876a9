// ConfigDocument: the configuration file as the editor and `config init` change it.
// The file is the user's: nothing in it may be lost, whatever happens.

#include "config/config_document.h"
#include "config/json_locator.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace opsdeck;

namespace {

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void write(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(bytes);
}

QJsonObject object(const QString &path)
{
    return QJsonDocument::fromJson(readAll(path)).object();
}

// Written as the user might: keys OpsDeck does not know, a dashboard, two profiles.
const QByteArray withUnknownKeys =
    "{\n"
    "  \"x-team\": \"payments\",\n"
    "  \"profiles\": [\n"
    "    { \"name\": \"prod\", \"x-owner\": \"alice\", \"color\": \"#c0392b\",\n"
    "      \"services\": [ { \"name\": \"api\", \"health_url\": \"http://api:8080/health\", \"x-runbook\": \"https://wiki/api\" } ],\n"
    "      \"databases\": [ { \"name\": \"app\", \"dbname\": \"app\", \"user\": \"ops\", \"password\": { \"env\": \"APP_PW\" }, \"logs_table\": \"logs\" } ],\n"
    "      \"dashboards\": [ { \"title\": \"Mine\", \"panels\": [ { \"title\": \"p\", \"queries\": [ { \"promql\": \"up\" } ] } ] } ] },\n"
    "    { \"name\": \"staging\" }\n"
    "  ]\n"
    "}\n"
    "";

} // namespace

class TestConfigDocument : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void missingAndEmptyFilesAreFirstRuns_data();
    void missingAndEmptyFilesAreFirstRuns();
    void newFileIsWrittenAndLoads();
    void editKeepsUnknownKeysAndUneditedProfiles();
    void untouchedDocumentKeepsItsBytes();
    void previousVersionIsKept();
    void changeOnDiskIsNotOverwritten();
    void brokenFileIsNeverRewritten();
    void startOverKeepsCopyAndBackup();
    void readOnlyFolderLosesNothing();
    void invalidResultIsRefused();
    void exportLeavesKeychainOut();
    void importRenamesTakenNames();
    void showMasksSecrets();
    void locatorSurvivesGarbage();
};

void TestConfigDocument::missingAndEmptyFilesAreFirstRuns_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<bool>("create");
    QTest::newRow("missing") << QByteArray() << false;
    QTest::newRow("zero bytes") << QByteArray() << true;
    QTest::newRow("white space") << QByteArray(" \n\t\n") << true;
    QTest::newRow("{}") << QByteArray("{}") << true;
    QTest::newRow("no profiles") << QByteArray(R"json({"profiles": []})json") << true;
}

void TestConfigDocument::missingAndEmptyFilesAreFirstRuns()
{
    QFETCH(QByteArray, content);
    QFETCH(bool, create);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("config.json"));
    if (create)
        write(path, content);
    const ConfigDocument doc = ConfigDocument::open(path);
    QCOMPARE(doc.state(), create ? ConfigDocument::State::Empty : ConfigDocument::State::Missing);
    QVERIFY(doc.profiles().isEmpty());
    QVERIFY(doc.loaded().errors.isEmpty());
}

void TestConfigDocument::newFileIsWrittenAndLoads()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("sub/folder/config.json"));  // folders made as needed
    ConfigDocument doc = ConfigDocument::open(path);
    Profile p;
    p.name = QStringLiteral("prod");
    p.operatorName = QStringLiteral("bob");
    p.color = QStringLiteral("#112233");
    ServiceConfig s;
    s.name = QStringLiteral("api");
    s.healthUrl = QUrl(QStringLiteral("http://api:8080/health"));
    s.intervalS = 30;
    p.services << s;
    DatabaseConfig d;
    d.name = QStringLiteral("app");
    d.dbname = QStringLiteral("app");
    d.user = QStringLiteral("ops");
    d.password = {SecretRef::Kind::Keychain, QStringLiteral("prod-app")};
    p.databases << d;
    p.kubernetes = KubernetesConfig{QStringLiteral("prod-eu"), {}, {QStringLiteral("shop")}};
    doc.putProfile(p);
    QCOMPARE(doc.save(), QString());
    QVERIFY(!QFileInfo::exists(path + QStringLiteral(".bak")));  // nothing was there before
    QVERIFY(!QFileInfo::exists(path + QStringLiteral(".partial")));

    const ConfigLoadResult loaded = loadConfigFile(path);
    QVERIFY2(loaded.ok(), qPrintable(loaded.errors.join(u'\n')));
    const Profile &back = loaded.config->profiles.first();
    QCOMPARE(back.name, QStringLiteral("prod"));
    QCOMPARE(back.operatorName, QStringLiteral("bob"));
    QCOMPARE(back.color, QStringLiteral("#112233"));
    QCOMPARE(back.services.first().intervalS, 30);
    QCOMPARE(back.databases.first().password.kind, SecretRef::Kind::Keychain);
    QCOMPARE(back.databases.first().password.key, QStringLiteral("prod-app"));
    QCOMPARE(back.kubernetes->context, QStringLiteral("prod-eu"));
    QCOMPARE(back.kubernetes->namespaces, QStringList{QStringLiteral("shop")});
    // Defaults are left out: the file says what the user chose, not what OpsDeck assumes.
    const QJsonObject service = object(path)[u"profiles"].toArray()[0].toObject()[u"services"].toArray()[0].toObject();
    QVERIFY(!service.contains(u"timeout_s"));
    QCOMPARE(service[u"interval_s"].toInt(), 30);
}

void TestConfigDocument::editKeepsUnknownKeysAndUneditedProfiles()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("config.json"));
    write(path, withUnknownKeys);
    ConfigDocument doc = ConfigDocument::open(path);
    QCOMPARE(doc.state(), ConfigDocument::State::Valid);
    QVERIFY(!doc.loaded().warnings.isEmpty());  // x-team and friends are reported, and kept

    Profile prod = doc.profiles().first();
    prod.name = QStringLiteral("production");  // renamed: the profile's own unknown keys follow it
    prod.services.first().healthUrl = QUrl(QStringLiteral("http://api:9090/health"));
    ServiceConfig web;
    web.name = QStringLiteral("web");
    web.metricsUrl = QUrl(QStringLiteral("http://web:8080/metrics"));
    prod.services << web;
    doc.putProfile(prod, QStringLiteral("prod"));
    QVERIFY(doc.isModified());
    QCOMPARE(doc.save(), QString());

    const QJsonObject root = object(path);
    QCOMPARE(root[u"x-team"].toString(), QStringLiteral("payments"));
    const QJsonArray profiles = root[u"profiles"].toArray();
    QCOMPARE(profiles.size(), 2);
    const QJsonObject p = profiles[0].toObject();
    QCOMPARE(p[u"name"].toString(), QStringLiteral("production"));
    QCOMPARE(p[u"x-owner"].toString(), QStringLiteral("alice"));
    QCOMPARE(p[u"color"].toString(), QStringLiteral("#c0392b"));
    const QJsonArray services = p[u"services"].toArray();
    QCOMPARE(services.size(), 2);
    QCOMPARE(services[0].toObject()[u"x-runbook"].toString(), QStringLiteral("https://wiki/api"));
    QCOMPARE(services[0].toObject()[u"health_url"].toString(), QStringLiteral("http://api:9090/health"));
    QCOMPARE(services[1].toObject()[u"name"].toString(), QStringLiteral("web"));
    // What the editor has no field for stays as written.
    QCOMPARE(p[u"databases"].toArray()[0].toObject()[u"logs_table"].toString(), QStringLiteral("logs"));
    QCOMPARE(p[u"databases"].toArray()[0].toObject()[u"password"].toObject()[u"env"].toString(), QStringLiteral("APP_PW"));
    QCOMPARE(p[u"dashboards"].toArray()[0].toObject()[u"title"].toString(), QStringLiteral("Mine"));
    QCOMPARE(profiles[1].toObject()[u"name"].toString(), QStringLiteral("staging"));
    QVERIFY(!p.contains(u"operator"));  // the OS user is the default, not written
    QVERIFY(loadConfigFile(path).ok());
}

void TestConfigDocument::untouchedDocumentKeepsItsBytes()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("config.json"));
    write(path, withUnknownKeys);
    ConfigDocument doc = ConfigDocument::open(path);
    doc.putProfile(doc.profiles().at(1), QStringLiteral("staging"));  // the same profile again
    QVERIFY(!doc.isModified());
    QCOMPARE(doc.text(), withUnknownKeys);
}

void TestConfigDocument::previousVersionIsKept()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("config.json"));
    write(path, withUnknownKeys);
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
    ConfigDocument doc = ConfigDocument::open(path);
    QVERIFY(doc.removeProfile(QStringLiteral("staging")));
    QCOMPARE(doc.save(), QString());
    QCOMPARE(readAll(path + QStringLiteral(".bak")), withUnknownKeys);
    QCOMPARE(doc.profiles().size(), 1);
    // A file readable by its owner only stays so: it may name hosts and users.
    QCOMPARE(QFile::permissions(path) & (QFile::ReadOther | QFile::ReadGroup), QFile::Permissions());
}

void TestConfigDocument::changeOnDiskIsNotOverwritten()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("config.json"));
    write(path, withUnknownKeys);
    ConfigDocument doc = ConfigDocument::open(path);
    // Someone else (a text editor, config init) writes while the editor is open.
    QByteArray theirs = withUnknownKeys;
    theirs.replace("payments", "checkout");
    write(path, theirs);
    QVERIFY(doc.changedOnDisk());
    doc.removeProfile(QStringLiteral("staging"));
    const QString error = doc.save();
    QVERIFY2(error.contains(QLatin1String("changed on disk")), qPrintable(error));
    QCOMPARE(readAll(path), theirs);

    // A file deleted meanwhile is a change too.
    QFile::remove(path);
    QVERIFY(doc.changedOnDisk());
    QVERIFY(!doc.save().isEmpty());
    QVERIFY(!QFileInfo::exists(path));
}

void TestConfigDocument::brokenFileIsNeverRewritten()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("config.json"));
    for (const QByteArray &broken : {QByteArray("{\"profiles\": [ { \"name\": \"a\", }"),
                                     QByteArray("{\"profiles\": [ { \"name\": \"a\", \"read_only\": \"yes\" } ] }"),
                                     QByteArray("[1, 2, 3]")}) {
        write(path, broken);
        ConfigDocument doc = ConfigDocument::open(path);
        QCOMPARE(doc.state(), ConfigDocument::State::Broken);
        QVERIFY(!doc.loaded().errors.isEmpty());
        Profile p;
        p.name = QStringLiteral("new");
        doc.putProfile(p);
        QVERIFY(!doc.save().isEmpty());
        QCOMPARE(readAll(path), broken);
    }
    // The message names the line and the field.
    write(path, "{\n  \"profiles\": [\n    { \"name\": \"a\",\n      \"read_only\": \"yes\" } ]\n}\n");
    const ConfigDocument doc = ConfigDocument::open(path);
    QVERIFY2(doc.loaded().errors.join(u'\n').contains(path + QStringLiteral(":4: profiles[0].read_only: must be true or false")),
             qPrintable(doc.loaded().errors.join(u'\n')));
}

void TestConfigDocument::startOverKeepsCopyAndBackup()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("config.json"));
    const QByteArray broken = "{ \"profiles\": [ { \"name\": 42 } ] }";
    write(path, broken);
    ConfigDocument doc = ConfigDocument::open(path);
    QString error;
    const QString copy = doc.keepCopy(&error);
    QVERIFY2(!copy.isEmpty(), qPrintable(error));
    QCOMPARE(readAll(copy), broken);  // byte for byte
    doc.startOver();
    Profile p;
    p.name = QStringLiteral("fresh");
    doc.putProfile(p);
    QCOMPARE(doc.save(), QString());
    QCOMPARE(readAll(path + QStringLiteral(".bak")), broken);
    QVERIFY(loadConfigFile(path).ok());
    QCOMPARE(readAll(copy), broken);
}

// A folder the console may not write: by permissions for a user; root ignores those, so
// for root a read-only file system (a tmpfs remounted ro), the case of a config on a
// read-only image.
void TestConfigDocument::readOnlyFolderLosesNothing()
{
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("ro"));
    QVERIFY(QDir().mkpath(folder));
    const QString path = folder + QStringLiteral("/config.json");
    const bool root = ::geteuid() == 0;
    auto run = [](const QStringList &args) { return QProcess::execute(args.first(), args.mid(1)) == 0; };
    if (root && !run({QStringLiteral("mount"), QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                      QStringLiteral("size=1m"), QStringLiteral("tmpfs"), folder}))
        QSKIP("running as root without the right to mount a read-only file system");
    write(path, withUnknownKeys);
    if (root)
        QVERIFY(run({QStringLiteral("mount"), QStringLiteral("-o"), QStringLiteral("remount,ro"), folder}));
    else
        QFile::setPermissions(folder, QFile::ReadOwner | QFile::ExeOwner);
    ConfigDocument doc = ConfigDocument::open(path);
    doc.removeProfile(QStringLiteral("staging"));
    const QString error = doc.save();
    const QByteArray after = readAll(path);
    if (root)
        run({QStringLiteral("umount"), folder});
    else
        QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QVERIFY2(error.startsWith(QLatin1String("not saved")) && error.contains(folder), qPrintable(error));
    QCOMPARE(after, withUnknownKeys);
    QVERIFY(doc.isModified());  // the edit is still there to save elsewhere or later
}

void TestConfigDocument::invalidResultIsRefused()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("config.json"));
    write(path, withUnknownKeys);
    ConfigDocument doc = ConfigDocument::open(path);
    Profile twin = doc.profiles().first();
    twin.name = QStringLiteral("staging");  // a second profile of that name would not load
    doc.putProfile(twin);  // replaces staging: fine
    QCOMPARE(doc.save(), QString());
    Profile nameless;
    doc.putProfile(nameless);
    const QString error = doc.save();
    QVERIFY2(error.contains(QLatin1String("would not load")), qPrintable(error));
    QVERIFY(loadConfigFile(path).ok());
}

void TestConfigDocument::exportLeavesKeychainOut()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("config.json"));
    ConfigDocument doc = ConfigDocument::open(path);
    Profile p;
    p.name = QStringLiteral("prod");
    DatabaseConfig d;
    d.name = QStringLiteral("app");
    d.dbname = QStringLiteral("app");
    d.user = QStringLiteral("ops");
    d.password = {SecretRef::Kind::Keychain, QStringLiteral("prod-app")};
    p.databases << d;
    DatabaseConfig e = d;
    e.name = QStringLiteral("reports");
    e.password = {SecretRef::Kind::Env, QStringLiteral("REPORTS_PW")};
    p.databases << e;
    doc.putProfile(p);
    const QByteArray exported = doc.exportProfile(QStringLiteral("prod"));
    QVERIFY(!exported.contains("prod-app"));
    QVERIFY(exported.contains("REPORTS_PW"));  // a variable's name is no secret, and the other machine may set it
    const ConfigLoadResult back = parseConfig(exported, QStringLiteral("export.json"));
    QVERIFY2(back.ok(), qPrintable(back.errors.join(u'\n')));
    QCOMPARE(back.config->profiles.first().databases.first().password.kind, SecretRef::Kind::None);
    QVERIFY(doc.exportProfile(QStringLiteral("nope")).isEmpty());
}

void TestConfigDocument::importRenamesTakenNames()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("config.json"));
    write(path, withUnknownKeys);
    ConfigDocument doc = ConfigDocument::open(path);
    QString error;
    const QStringList added = doc.importProfiles(R"json({"profiles":[{"name":"prod","x-kept":1},{"name":"dr"}]})json", QStringLiteral("in.json"), &error);
    QCOMPARE(error, QString());
    QCOMPARE(added, (QStringList{QStringLiteral("prod (2)"), QStringLiteral("dr")}));
    QCOMPARE(doc.save(), QString());
    QCOMPARE(object(path)[u"profiles"].toArray()[2].toObject()[u"x-kept"].toInt(), 1);
    QVERIFY(doc.importProfiles("{ nope", QStringLiteral("bad.json"), &error).isEmpty());
    QVERIFY2(error.startsWith(QLatin1String("bad.json:1:")), qPrintable(error));
}

void TestConfigDocument::showMasksSecrets()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("config.json"));
    write(path, withUnknownKeys);
    const ConfigDocument doc = ConfigDocument::open(path);
    const QByteArray shown = doc.shownText(QStringLiteral("prod"));
    QVERIFY(shown.contains("APP_PW"));
    QVERIFY(!shown.contains("staging"));
    // A secret written in the file by mistake (the loader refuses it) is never printed either.
    write(path, R"json({"profiles":[{"name":"a","databases":[{"name":"d","dbname":"d","user":"u","password":"hunter2"}]}]})json");
    const ConfigDocument broken = ConfigDocument::open(path);
    QCOMPARE(broken.state(), ConfigDocument::State::Broken);
}

void TestConfigDocument::locatorSurvivesGarbage()
{
    const QByteArray deep = QByteArray(5000, '[') + QByteArray(5000, ']');
    QCOMPARE(JsonLocator(deep).line(QStringLiteral("[0]")), 1);
    const QByteArray text = "{\"a\": {\"b\": [1,\n 2, {\"c\": \"x\\\"y\"}]},\n \"d\": 1}";
    const JsonLocator locator(text);
    QCOMPARE(locator.line(QStringLiteral("a.b[2].c")), 2);
    QCOMPARE(locator.line(QStringLiteral("d")), 3);
    QCOMPARE(locator.line(QStringLiteral("a.b[2].missing")), 2);
    QCOMPARE(locator.line(QStringLiteral("zz")), 1);
    for (const QByteArray &junk : {QByteArray("{\"a\""), QByteArray("{{{{"), QByteArray("[,,,]"), QByteArray("\"unterminated")})
        JsonLocator{junk}.line(QStringLiteral("a"));  // no crash, no hang
}

QTEST_GUILESS_MAIN(TestConfigDocument)
#include "tst_config_document.moc"
