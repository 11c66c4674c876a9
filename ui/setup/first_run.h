#pragma once

#include "config/config_document.h"

#include <QWidget>

class QPushButton;

namespace opsdeck {

// The welcome view of a console with no configuration: find the services a
// Prometheus scrapes, create a profile by hand, import one, or open the demo
// environment when it is installed. Ends with configured() once the file holds
// a profile; nothing is written before the user says which.
class FirstRun : public QWidget
{
    Q_OBJECT
public:
    // demoConfig: the demo environment's profile file, or empty when there is none.
    FirstRun(ConfigDocument document, const QString &demoConfig, QWidget *parent = nullptr);
    ~FirstRun() override;

    ConfigDocument &document() { return m_document; }
    QPushButton *findButton() const { return m_find; }
    QPushButton *createButton() const { return m_create; }
    QPushButton *importButton() const { return m_import; }
    QPushButton *demoButton() const { return m_demo; }

    // prometheus given: asked at once (the demo's screenshots, a link from the docs).
    void findServices(const QUrl &prometheus = {});
    void createProfile();
    void importProfile(const QString &file = {});

Q_SIGNALS:
    // The file now holds this profile: open the console on it.
    void configured(const QString &profile);
    // Open the console on another file (the demo's), leaving the user's alone.
    void openOtherConfig(const QString &path);

private:
    void failed(const QString &message);

    ConfigDocument m_document;
    QPushButton *m_find;
    QPushButton *m_create;
    QPushButton *m_import;
    QPushButton *m_demo;
};

// Where the demo environment's profile is, when the demo is installed beside the
// console: $OPSDECK_DEMO_STATE, else the source tree's .demo-state; empty otherwise.
QString installedDemoConfig();

} // namespace opsdeck
