#include "setup/first_run.h"

#include "icon_provider.h"
#include "setup/discovery_dialog.h"
#include "setup/profile_editor.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace opsdeck {

namespace {

// A large button of two lines: what it does, in bold, and a sentence on it that wraps.
QPushButton *bigButton(const QString &text, const QString &detail, const QString &objectName, QWidget *parent)
{
    auto *button = new QPushButton(parent);
    button->setObjectName(objectName);
    button->setAccessibleName(text);
    button->setAccessibleDescription(detail);
    auto *title = new QLabel(text, button);
    QFont bold = title->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.15);
    title->setFont(bold);
    auto *sentence = new QLabel(detail, button);
    sentence->setWordWrap(true);
    for (QLabel *label : {title, sentence})
        label->setAttribute(Qt::WA_TransparentForMouseEvents);
    auto *layout = new QVBoxLayout(button);
    layout->setContentsMargins(16, 10, 16, 10);
    layout->setSpacing(2);
    layout->addWidget(title);
    layout->addWidget(sentence);
    // One height for all: a title and up to two lines of sentence, so the choices line up.
    button->setFixedHeight(title->fontMetrics().height() + 2 * sentence->fontMetrics().lineSpacing() + 28);
    return button;
}

} // namespace

QString installedDemoConfig()
{
    QStringList candidates;
    if (const QString state = qEnvironmentVariable("OPSDECK_DEMO_STATE"); !state.isEmpty())
        candidates << state + QStringLiteral("/opsdeck-demo.json");
    // build/<preset>/app/opsdeck -> the clone's .demo-state, where demo.sh writes the profile.
    candidates << QDir(QCoreApplication::applicationDirPath()).absoluteFilePath(QStringLiteral("../../../.demo-state/opsdeck-demo.json"));
    for (const QString &c : std::as_const(candidates)) {
        if (QFileInfo::exists(c))
            return QFileInfo(c).absoluteFilePath();
    }
    return {};
}

FirstRun::FirstRun(ConfigDocument document, const QString &demoConfig, QWidget *parent)
    : QWidget(parent), m_document(std::move(document))
{
    setObjectName(QStringLiteral("FirstRun"));
    setWindowTitle(tr("Welcome to OpsDeck"));
    setWindowIcon(appIcon());
    auto *title = new QLabel(tr("<h1>Welcome to OpsDeck</h1>"), this);
    title->setTextFormat(Qt::RichText);
    auto *intro = new QLabel(tr("Tell OpsDeck where your systems are. Everything you add is kept in %1, "
                                "the file opsdeck-cli reads too; passwords stay in your keychain, an environment "
                                "variable or ~/.pgpass, never in the file.")
                                 .arg(QDir::toNativeSeparators(m_document.path())),
                             this);
    intro->setWordWrap(true);
    m_find = bigButton(tr("Find my services from Prometheus…"),
                       tr("Prometheus knows what it scrapes: tick the services to watch."), QStringLiteral("findServices"), this);
    m_create = bigButton(tr("Create a profile…"),
                         tr("Services, Alertmanagers, databases, Docker and Kubernetes, each tested as you add it."),
                         QStringLiteral("createProfile"), this);
    m_import = bigButton(tr("Import a profile…"), tr("A file exported from another OpsDeck."), QStringLiteral("importProfile"), this);
    m_demo = bigButton(tr("Open the demo environment"),
                       demoConfig.isEmpty() ? tr("Not running here: ./demo.sh in a clone of OpsDeck starts it.")
                                            : tr("Demo services, Prometheus, Alertmanager and PostgreSQL on this machine."),
                       QStringLiteral("openDemo"), this);
    m_demo->setEnabled(!demoConfig.isEmpty());

    auto *column = new QWidget(this);
    column->setFixedWidth(640);
    auto *columnLayout = new QVBoxLayout(column);
    columnLayout->addWidget(title);
    columnLayout->addWidget(intro);
    columnLayout->addSpacing(12);
    for (QPushButton *b : {m_find, m_create, m_import, m_demo})
        columnLayout->addWidget(b);
    // Centred on the screen, as a start page: the eye lands on the choices, not on a corner.
    auto *layout = new QVBoxLayout(this);
    layout->addStretch(1);
    layout->addWidget(column, 0, Qt::AlignHCenter);
    layout->addStretch(2);

    connect(m_find, &QPushButton::clicked, this, [this] { findServices(); });
    connect(m_create, &QPushButton::clicked, this, &FirstRun::createProfile);
    connect(m_import, &QPushButton::clicked, this, [this] { importProfile(); });
    connect(m_demo, &QPushButton::clicked, this, [this, demoConfig] { Q_EMIT openOtherConfig(demoConfig); });
    resize(820, 560);
}

FirstRun::~FirstRun() = default;

void FirstRun::failed(const QString &message)
{
    QMessageBox::warning(this, tr("Not saved"), message);
}

void FirstRun::findServices(const QUrl &prometheus)
{
    DiscoveryDialog dialog(prometheus, this);
    if (!prometheus.isEmpty())
        QMetaObject::invokeMethod(&dialog, &DiscoveryDialog::discover, Qt::QueuedConnection);
    if (dialog.exec() != QDialog::Accepted)
        return;
    Profile profile;
    profile.name = QStringLiteral("default");
    profile.operatorName = osUserName();
    profile.prometheus = PrometheusConfig{dialog.prometheusUrl(), {}};
    profile.services = dialog.chosenServices();
    profile.alertmanagers = dialog.chosenAlertmanagers();
    m_document.putProfile(profile);
    if (const QString error = m_document.save(); !error.isEmpty()) {
        m_document.removeProfile(profile.name);
        failed(error);
        return;
    }
    Q_EMIT configured(profile.name);
}

void FirstRun::createProfile()
{
    ProfileEditor editor(&m_document, {}, this);
    if (editor.exec() == QDialog::Accepted)
        Q_EMIT configured(editor.profileName());
}

void FirstRun::importProfile(const QString &file)
{
    const QString path = file.isEmpty() ? QFileDialog::getOpenFileName(this, tr("Import a profile"), QDir::homePath(),
                                                                       tr("OpsDeck profiles (*.json)"))
                                        : file;
    if (path.isEmpty())
        return;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        failed(tr("%1: %2").arg(path, f.errorString()));
        return;
    }
    QString error;
    const QStringList added = m_document.importProfiles(f.readAll(), path, &error);
    if (added.isEmpty()) {
        failed(error.isEmpty() ? tr("%1 holds no profile.").arg(path) : error);
        return;
    }
    if (error = m_document.save(); !error.isEmpty()) {
        for (const QString &name : added)
            m_document.removeProfile(name);
        failed(error);
        return;
    }
    Q_EMIT configured(added.first());
}

} // namespace opsdeck
