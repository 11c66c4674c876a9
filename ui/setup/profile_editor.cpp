#include "setup/profile_editor.h"

#include "config/secrets.h"
#include "setup/choice_list_dialog.h"
#include "setup/discovery_dialog.h"
#include "setup/source_form.h"
#include "setup/source_probe.h"

#include <QCheckBox>
#include <QColorDialog>
#include <QDialogButtonBox>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>

namespace opsdeck {

ProfileEditor::ProfileEditor(ConfigDocument *document, const QString &profileName, QWidget *parent)
    : QDialog(parent), m_document(document), m_original(profileName), m_probe(new SourceProbe(this)),
      m_name(new QLineEdit(this)), m_operator(new QLineEdit(this)), m_readOnly(new QCheckBox(tr("Read-only: no operator action"), this)),
      m_color(new QToolButton(this)), m_list(new QListWidget(this)), m_form(new SourceForm(this)),
      m_test(new QPushButton(tr("Test"), this)), m_remove(new QPushButton(tr("Remove"), this)), m_result(new QLabel(this)),
      m_error(new QLabel(this))
{
    setObjectName(QStringLiteral("ProfileEditor"));
    setWindowTitle(profileName.isEmpty() ? tr("New profile") : tr("Profile %1").arg(profileName));
    for (const Profile &p : document->profiles()) {
        if (p.name == profileName)
            m_profile = p;
    }
    if (profileName.isEmpty()) {
        m_profile.name = document->profiles().isEmpty() ? QStringLiteral("default") : QString();
        m_profile.operatorName = osUserName();
    }
    m_sources = ProfileSources::fromProfile(m_profile);

    m_name->setText(m_profile.name);
    m_name->setAccessibleName(tr("Profile name"));
    m_name->setPlaceholderText(tr("prod, staging…"));
    m_operator->setText(m_profile.operatorName);
    m_operator->setAccessibleName(tr("Operator"));
    m_readOnly->setChecked(m_profile.readOnly);
    m_colorValue = m_profile.color;
    m_color->setAccessibleName(tr("Environment colour"));
    m_color->setPopupMode(QToolButton::MenuButtonPopup);
    auto *colorMenu = new QMenu(m_color);
    colorMenu->addAction(tr("No colour"), this, [this] {
        m_colorValue.clear();
        showColor();
    });
    m_color->setMenu(colorMenu);
    connect(m_color, &QToolButton::clicked, this, &ProfileEditor::chooseColor);
    showColor();

    auto *top = new QFormLayout;
    top->addRow(tr("Name"), m_name);
    top->addRow(tr("Operator"), m_operator);
    top->addRow(QString(), m_readOnly);
    top->addRow(tr("Colour"), m_color);

    // Sources: the list on the left, the chosen one's fields and its test on the right.
    auto *add = new QToolButton(this);
    add->setObjectName(QStringLiteral("addSource"));
    add->setText(tr("Add"));
    add->setAccessibleName(tr("Add a source"));
    add->setPopupMode(QToolButton::InstantPopup);
    auto *addMenu = new QMenu(add);
    for (auto kind : {ProfileSource::Kind::Service, ProfileSource::Kind::Prometheus, ProfileSource::Kind::Alertmanager,
                      ProfileSource::Kind::Database, ProfileSource::Kind::Docker, ProfileSource::Kind::Kubernetes,
                      ProfileSource::Kind::Backups}) {
        addMenu->addAction(ProfileSources::kindName(kind), this, [this, kind] { addSource(ProfileSources::blank(kind)); });
    }
    add->setMenu(addMenu);
    // Finding beats typing: what Prometheus scrapes, what ~/.pgpass knows, what the kubeconfig names.
    auto *find = new QToolButton(this);
    find->setObjectName(QStringLiteral("find"));
    find->setText(tr("Find"));
    find->setAccessibleName(tr("Find sources"));
    find->setPopupMode(QToolButton::InstantPopup);
    auto *findMenu = new QMenu(find);
    findMenu->addAction(tr("Services from Prometheus…"), this, &ProfileEditor::discover);
    findMenu->addAction(tr("Databases from ~/.pgpass…"), this, [this] { findDatabases(); });
    findMenu->addAction(tr("Clusters from kubeconfig…"), this, [this] { findClusters(); });
    findMenu->addAction(tr("Docker on this machine"), this, &ProfileEditor::findDocker);
    find->setMenu(findMenu);
    connect(m_remove, &QPushButton::clicked, this, [this] {
        if (m_current < 0)
            return;
        m_sources.removeAt(m_current);
        m_current = -1;
        refreshList();
    });
    m_list->setAccessibleName(tr("Sources"));
    connect(m_list, &QListWidget::currentRowChanged, this, &ProfileEditor::selectSource);
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    auto *leftButtons = new QHBoxLayout;
    leftButtons->addWidget(add);
    leftButtons->addWidget(find);
    leftButtons->addWidget(m_remove);
    leftLayout->addWidget(m_list, 1);
    leftLayout->addLayout(leftButtons);

    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_result->setAccessibleName(tr("Test result"));
    m_result->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    connect(m_test, &QPushButton::clicked, this, &ProfileEditor::testCurrent);
    connect(m_form, &SourceForm::edited, this, &ProfileEditor::storeForm);
    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_form);
    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_test);
    testRow->addStretch(1);
    rightLayout->addLayout(testRow);
    rightLayout->addWidget(m_result, 1);

    auto *splitter = new QSplitter(this);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 2);

    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b3261e"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_save = buttons->addButton(tr("Save"), QDialogButtonBox::AcceptRole);
    connect(buttons, &QDialogButtonBox::accepted, this, &ProfileEditor::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    m_layout = new QVBoxLayout(this);
    m_layout->addLayout(top);
    m_layout->addWidget(splitter, 1);
    m_layout->addWidget(m_error);
    m_layout->addWidget(buttons);
    refreshList();
    resize(900, 600);
}

ProfileEditor::~ProfileEditor() = default;

QString ProfileEditor::profileName() const
{
    return m_name->text().trimmed();
}

void ProfileEditor::addMachineSettings(const QString &title, const QList<QAction *> &actions)
{
    auto *group = new QGroupBox(title, this);
    auto *grid = new QGridLayout(group);
    int i = 0;
    for (QAction *action : actions) {
        auto *check = new QCheckBox(QString(action->text()).remove(u'&'), group);
        check->setChecked(action->isChecked());
        // Applied on Save by the action itself (which keeps its menu in step): one path for both.
        m_machineSettings.append({check, action});
        grid->addWidget(check, i / 2, i % 2);
        ++i;
    }
    m_layout->insertWidget(m_layout->count() - 2, group);
}

void ProfileEditor::showColor()
{
    if (m_colorValue.isEmpty()) {
        m_color->setText(tr("None"));
        m_color->setStyleSheet({});
    } else {
        m_color->setText(m_colorValue);
        m_color->setStyleSheet(QStringLiteral("QToolButton { border-left: 16px solid %1; padding-left: 4px; }").arg(m_colorValue));
    }
}

void ProfileEditor::chooseColor()
{
    const QColor chosen = QColorDialog::getColor(m_colorValue.isEmpty() ? QColor(0xc0392b) : QColor(m_colorValue), this,
                                                 tr("Colour of this environment"));
    if (chosen.isValid()) {
        m_colorValue = chosen.name();
        showColor();
    }
}

void ProfileEditor::refreshList()
{
    const QSignalBlocker block(m_list);
    m_list->clear();
    for (const ProfileSource &s : std::as_const(m_sources))
        m_list->addItem(s.title());
    const int row = m_current >= 0 ? m_current : (m_sources.isEmpty() ? -1 : 0);
    m_current = -1;
    m_list->setCurrentRow(row);
    selectSource(row);
}

void ProfileEditor::selectSource(int row)
{
    m_current = row;
    const bool any = row >= 0 && row < m_sources.size();
    m_form->setVisible(any);
    m_test->setEnabled(any && m_sources[row].kind != ProfileSource::Kind::Backups);
    m_remove->setEnabled(any);
    m_result->clear();
    if (any)
        m_form->setSource(m_sources[row]);
    else
        m_result->setText(tr("Add your services, Prometheus, Alertmanagers, databases and clusters, or let "
                             "Find ask your Prometheus what it scrapes, ~/.pgpass and your kubeconfig what they know."));
}

void ProfileEditor::storeForm()
{
    if (m_current < 0 || m_current >= m_sources.size())
        return;
    m_sources[m_current] = m_form->source();
    if (QListWidgetItem *item = m_list->item(m_current))
        item->setText(m_sources[m_current].title());
}

void ProfileEditor::addSource(const ProfileSource &source)
{
    if (ProfileSources::isSingle(source.kind)) {
        for (int i = 0; i < m_sources.size(); ++i) {
            if (m_sources[i].kind == source.kind) {
                m_sources[i] = source;
                m_current = i;
                refreshList();
                return;
            }
        }
    }
    m_sources << source;
    m_current = int(m_sources.size()) - 1;
    refreshList();
}

void ProfileEditor::discover()
{
    QUrl prometheus;
    for (const ProfileSource &s : std::as_const(m_sources)) {
        if (s.kind == ProfileSource::Kind::Prometheus)
            prometheus = QUrl(s.fields.value(QStringLiteral("url")).toString());
    }
    DiscoveryDialog dialog(prometheus, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    addSource({ProfileSource::Kind::Prometheus, {{QStringLiteral("url"), dialog.prometheusUrl().toString()},
                                                {QStringLiteral("insecure_skip_verify"), false}}});
    QStringList have;
    for (const ProfileSource &s : std::as_const(m_sources))
        have << s.title();
    for (const ServiceConfig &service : dialog.chosenServices()) {
        const ProfileSource source = ProfileSources::fromService(service);
        if (!have.contains(source.title()))
            m_sources << source;
    }
    for (const AlertmanagerConfig &am : dialog.chosenAlertmanagers()) {
        const ProfileSource source = ProfileSources::fromAlertmanager(am);
        if (!have.contains(source.title()))
            m_sources << source;
    }
    m_current = 0;
    refreshList();
}

void ProfileEditor::findDatabases(const QString &pgpassFile)
{
    const QString file = pgpassFile.isEmpty() ? defaultPgpassFile() : pgpassFile;
    const QList<DatabaseConfig> found = databasesFromPgpass(file);
    QList<ChoiceListDialog::Item> items;
    for (const DatabaseConfig &d : found)
        items.append({QStringLiteral("%1  (%2@%3:%4/%5)").arg(d.name, d.user, d.host).arg(d.port).arg(d.dbname), file, false});
    ChoiceListDialog dialog(tr("Databases from %1").arg(file),
                            found.isEmpty() ? tr("%1 names no database (lines with * for the database are skipped).").arg(file)
                                            : tr("The password stays in %1: OpsDeck reads it there (\"pgpass\").").arg(file),
                            items, false, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    for (int i : dialog.chosen())
        m_sources << ProfileSources::fromDatabase(found.at(i));
    m_current = int(m_sources.size()) - 1;
    refreshList();
}

void ProfileEditor::findClusters(const QString &kubeconfig)
{
    QString error;
    const QList<KubernetesConfig> found = clustersFromKubeconfig(kubeconfig, &error);
    QList<ChoiceListDialog::Item> items;
    for (int i = 0; i < found.size(); ++i)
        items.append({found[i].namespaces.isEmpty() ? found[i].context
                                                    : tr("%1 (namespace %2)").arg(found[i].context, found[i].namespaces.first()),
                      {}, i == 0});
    ChoiceListDialog dialog(tr("Clusters from kubeconfig"),
                            found.isEmpty() ? error : tr("A profile watches one cluster; its Deployments show in the Deployments panel."),
                            items, true, this);
    if (dialog.exec() != QDialog::Accepted || dialog.chosen().isEmpty())
        return;
    addSource(ProfileSources::fromKubernetes(found.at(dialog.chosen().first())));
    testCurrent();
}

void ProfileEditor::findDocker()
{
    // The engine of $DOCKER_HOST or the local socket; its test lists the Compose projects it runs.
    addSource({ProfileSource::Kind::Docker, {}});
    testCurrent();
}

void ProfileEditor::testCurrent()
{
    if (m_current < 0)
        return;
    storeForm();
    storeTypedSecrets([this](const QString &error) {
        if (!error.isEmpty()) {
            m_result->setText(error.toHtmlEscaped());
            Q_EMIT testFinished({false, error, {}});
            return;
        }
        testNow();
    });
}

void ProfileEditor::testNow()
{
    Profile scratch;
    const QStringList errors = ProfileSources::toProfile({m_sources[m_current]}, &scratch);
    if (!errors.isEmpty()) {
        m_result->setText(errors.join(u'\n'));
        return;
    }
    m_test->setEnabled(false);
    m_result->setText(tr("Testing…"));
    const int row = m_current;
    auto done = [this, row](const ProbeResult &r) {
        m_test->setEnabled(true);
        if (row == m_current) {
            const QString mark = r.ok ? QStringLiteral("✔") : QStringLiteral("✖");
            QString text = QStringLiteral("<b>%1 %2</b>").arg(mark, r.summary.toHtmlEscaped());
            for (const QString &line : r.details)
                text += QStringLiteral("<br>%1").arg(line.toHtmlEscaped());
            m_result->setText(text);
        }
        Q_EMIT testFinished(r);
    };
    switch (m_sources[m_current].kind) {
    case ProfileSource::Kind::Service: m_probe->testService(scratch.services.first(), done); break;
    case ProfileSource::Kind::Prometheus: m_probe->testPrometheus(*scratch.prometheus, done); break;
    case ProfileSource::Kind::Alertmanager: m_probe->testAlertmanager(scratch.alertmanagers.first(), done); break;
    case ProfileSource::Kind::Database: m_probe->testDatabase(scratch.databases.first(), done); break;
    case ProfileSource::Kind::Docker: m_probe->testDocker(scratch.docker, done); break;
    case ProfileSource::Kind::Kubernetes: m_probe->testKubernetes(*scratch.kubernetes, done); break;
    case ProfileSource::Kind::Backups: done({true, tr("nothing to test"), {}}); break;
    }
}

void ProfileEditor::storeTypedSecrets(std::function<void(const QString &error)> then)
{
    QList<QPair<QString, QString>> toStore;
    for (ProfileSource &s : m_sources) {
        QVariantMap &f = s.fields;
        if (s.kind != ProfileSource::Kind::Database || f.value(QStringLiteral("password_from")).toString() != u"keychain"
            || f.value(QStringLiteral("password")).toString().isEmpty())
            continue;
        if (f.value(QStringLiteral("password_key")).toString().trimmed().isEmpty())
            f.insert(QStringLiteral("password_key"), QStringLiteral("%1/%2").arg(profileName(), f.value(QStringLiteral("name")).toString()));
        toStore.append({f.value(QStringLiteral("password_key")).toString(), f.value(QStringLiteral("password")).toString()});
    }
    if (toStore.isEmpty()) {
        then({});
        return;
    }
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, then] {
        watcher->deleteLater();
        const QString error = watcher->result();
        if (error.isEmpty()) {
            // Stored: the keychain has them now, the editor need not hold them.
            for (ProfileSource &s : m_sources)
                s.fields.remove(QStringLiteral("password"));
            if (m_current >= 0)
                m_form->setSource(m_sources[m_current]);
        }
        then(error);
    });
    watcher->setFuture(QtConcurrent::run([toStore] {
        for (const auto &[key, value] : toStore) {
            if (QString e = storeKeychainSecret(key, value); !e.isEmpty())
                return e;
        }
        return QString();
    }));
}

void ProfileEditor::save()
{
    storeForm();
    storeTypedSecrets([this](const QString &error) {
        if (error.isEmpty())
            saveNow();
        else
            m_error->setText(tr("Not saved: %1").arg(error));
    });
}

void ProfileEditor::saveNow()
{
    Profile profile = m_profile;
    profile.name = profileName();
    profile.operatorName = m_operator->text().trimmed();
    profile.readOnly = m_readOnly->isChecked();
    profile.color = m_colorValue;
    QStringList errors = ProfileSources::toProfile(m_sources, &profile);
    if (profile.name.isEmpty())
        errors.prepend(tr("The profile needs a name."));
    for (const Profile &other : m_document->profiles()) {
        if (other.name == profile.name && other.name != m_original)
            errors.prepend(tr("A profile named \"%1\" exists.").arg(profile.name));
    }
    if (!errors.isEmpty()) {
        m_error->setText(errors.join(u'\n'));
        return;
    }
    m_document->putProfile(profile, m_original);
    if (const QString error = m_document->save(); !error.isEmpty()) {
        // The document keeps the edit; the file keeps what it had. Nothing is lost either way.
        m_error->setText(error);
        return;
    }
    for (const auto &[check, action] : std::as_const(m_machineSettings)) {
        if (action && action->isChecked() != check->isChecked())
            action->setChecked(check->isChecked());
    }
    accept();
}

} // namespace opsdeck
