#pragma once

#include "setup/discovery.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;

namespace opsdeck {

// "Find my services": a Prometheus URL in, its scrape targets out, grouped by
// job; the ones that answer a health endpoint are ticked. Nothing is added
// until the user says so.
class DiscoveryDialog : public QDialog
{
    Q_OBJECT
public:
    explicit DiscoveryDialog(const QUrl &prometheus, QWidget *parent = nullptr);

    QUrl prometheusUrl() const;
    QList<ServiceConfig> chosenServices() const;
    QList<AlertmanagerConfig> chosenAlertmanagers() const;
    QTreeWidget *tree() const { return m_tree; }
    QPushButton *findButton() const { return m_find; }
    QPushButton *addButton() const { return m_add; }
    QLineEdit *urlEdit() const { return m_url; }

    // Starts at once when the URL was given (the welcome view's path).
    void discover();

private:
    void showFound(const PrometheusDiscovery &found);
    void updateAddButton();

    ServiceDiscovery *m_discovery;
    QLineEdit *m_url;
    QPushButton *m_find;
    QPushButton *m_add;
    QTreeWidget *m_tree;
    QLabel *m_status;
    PrometheusDiscovery m_found;
};

} // namespace opsdeck
