#include "setup/discovery_dialog.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace opsdeck {

namespace {
constexpr int serviceRole = Qt::UserRole;  // index into the found services, or -1 - alertmanager index
}

DiscoveryDialog::DiscoveryDialog(const QUrl &prometheus, QWidget *parent)
    : QDialog(parent), m_discovery(new ServiceDiscovery(this)), m_url(new QLineEdit(this)),
      m_find(new QPushButton(tr("Find services"), this)), m_tree(new QTreeWidget(this)), m_status(new QLabel(this))
{
    setWindowTitle(tr("Find services from Prometheus"));
    setObjectName(QStringLiteral("DiscoveryDialog"));
    m_url->setText(prometheus.isEmpty() ? QStringLiteral("http://localhost:9090") : prometheus.toString());
    m_url->setAccessibleName(tr("Prometheus URL"));
    m_find->setDefault(true);
    m_tree->setHeaderLabels({tr("Target"), tr("Health endpoints"), tr("Scrape")});
    m_tree->setAccessibleName(tr("Targets found"));
    m_tree->header()->setStretchLastSection(false);
    m_tree->setRootIsDecorated(true);
    m_status->setWordWrap(true);
    m_status->setText(tr("Prometheus knows what it scrapes. OpsDeck asks it, then checks /health, /health/live "
                         "and /health/ready on each target. Tick what to watch."));

    auto *row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("Prometheus:"), this));
    row->addWidget(m_url, 1);
    row->addWidget(m_find);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_add = buttons->addButton(tr("Add the ticked ones"), QDialogButtonBox::AcceptRole);
    m_add->setEnabled(false);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addWidget(m_status);
    layout->addWidget(m_tree, 1);
    layout->addWidget(buttons);
    connect(m_find, &QPushButton::clicked, this, &DiscoveryDialog::discover);
    connect(m_url, &QLineEdit::returnPressed, this, &DiscoveryDialog::discover);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_tree, &QTreeWidget::itemChanged, this, &DiscoveryDialog::updateAddButton);
    resize(720, 480);
}

QUrl DiscoveryDialog::prometheusUrl() const
{
    return QUrl(m_url->text().trimmed(), QUrl::StrictMode);
}

void DiscoveryDialog::discover()
{
    const QUrl url = prometheusUrl();
    if (!url.isValid() || url.host().isEmpty() || (url.scheme() != u"http" && url.scheme() != u"https")) {
        m_status->setText(tr("Give Prometheus's http(s) URL, e.g. http://prometheus:9090."));
        return;
    }
    m_find->setEnabled(false);
    m_tree->clear();
    m_status->setText(tr("Asking %1 for its targets…").arg(url.toString()));
    m_discovery->fromPrometheus(url, {}, [this](const PrometheusDiscovery &found) { showFound(found); });
}

void DiscoveryDialog::showFound(const PrometheusDiscovery &found)
{
    m_find->setEnabled(true);
    m_found = found;
    if (!found.ok()) {
        m_status->setText(tr("No answer: %1").arg(found.error));
        return;
    }
    const QSignalBlocker block(m_tree);
    QHash<QString, QTreeWidgetItem *> jobs;
    int ticked = 0;
    for (int i = 0; i < found.services.size(); ++i) {
        const DiscoveredService &d = found.services[i];
        QTreeWidgetItem *&job = jobs[d.job];
        if (!job) {
            job = new QTreeWidgetItem(m_tree, {tr("job %1").arg(d.job)});
            job->setFirstColumnSpanned(true);
            job->setExpanded(true);
        }
        QStringList endpoints;
        if (!d.service.healthUrl.isEmpty())
            endpoints << QStringLiteral("/health");
        if (!d.service.livenessUrl.isEmpty())
            endpoints << QStringLiteral("/health/live");
        if (!d.service.readinessUrl.isEmpty())
            endpoints << QStringLiteral("/health/ready");
        auto *item = new QTreeWidgetItem(job, {d.service.name, endpoints.isEmpty() ? tr("none") : endpoints.join(QStringLiteral(", ")),
                                               d.targetHealth});
        item->setToolTip(0, d.service.metricsUrl.toString());
        item->setData(0, serviceRole, i);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(0, d.answersHealth ? Qt::Checked : Qt::Unchecked);
        ticked += d.answersHealth;
    }
    if (!found.alertmanagers.isEmpty()) {
        auto *group = new QTreeWidgetItem(m_tree, {tr("Alertmanagers Prometheus sends to")});
        group->setFirstColumnSpanned(true);
        group->setExpanded(true);
        for (int i = 0; i < found.alertmanagers.size(); ++i) {
            QStringList urls;
            for (const QUrl &u : found.alertmanagers[i].urls)
                urls << u.toString();
            auto *item = new QTreeWidgetItem(group, {urls.join(QStringLiteral(", "))});
            item->setFirstColumnSpanned(true);
            item->setData(0, serviceRole, -1 - i);
            item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
            item->setCheckState(0, Qt::Checked);
        }
    }
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_status->setText(tr("%n target(s) found; the %1 that answer a health endpoint are ticked. Exporters and "
                         "Prometheus itself are left out unless you tick them.", nullptr, int(found.services.size())).arg(ticked));
    updateAddButton();
}

void DiscoveryDialog::updateAddButton()
{
    m_add->setEnabled(!chosenServices().isEmpty() || !chosenAlertmanagers().isEmpty());
}

QList<ServiceConfig> DiscoveryDialog::chosenServices() const
{
    QList<ServiceConfig> out;
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it) {
        const QVariant index = (*it)->data(0, serviceRole);
        if (index.isValid() && index.toInt() >= 0 && (*it)->checkState(0) == Qt::Checked)
            out << m_found.services.at(index.toInt()).service;
    }
    return out;
}

QList<AlertmanagerConfig> DiscoveryDialog::chosenAlertmanagers() const
{
    QList<AlertmanagerConfig> out;
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it) {
        const QVariant index = (*it)->data(0, serviceRole);
        if (index.isValid() && index.toInt() < 0 && (*it)->checkState(0) == Qt::Checked)
            out << m_found.alertmanagers.at(-1 - index.toInt());
    }
    return out;
}

} // namespace opsdeck
