#pragma once

#include "config/config_document.h"
#include "setup/profile_sources.h"

#include <QAction>
#include <QDialog>
#include <QPointer>

#include <functional>

class QAction;
class QCheckBox;
class QVBoxLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QToolButton;

namespace opsdeck {

class SourceForm;
class SourceProbe;

// Creates or edits one profile of the configuration file: its name, operator,
// read-only switch and colour, and its sources, each with a live "Test".
// Saving writes the file through ConfigDocument (atomically, keeping unknown
// keys and a .bak); a file changed on disk meanwhile is reported, not overwritten.
class ProfileEditor : public QDialog
{
    Q_OBJECT
public:
    // profileName empty: a new profile.
    ProfileEditor(ConfigDocument *document, const QString &profileName, QWidget *parent = nullptr);
    ~ProfileEditor() override;

    QString profileName() const;
    QList<ProfileSource> sources() const { return m_sources; }
    void addSource(const ProfileSource &source);
    // Settings of this machine rather than of the profile (notifications), shown beside
    // it as check boxes that drive the console's own checkable actions.
    void addMachineSettings(const QString &title, const QList<QAction *> &actions);
    // Opens the discovery dialog and adds what the user ticks (and the Prometheus).
    void discover();
    // The databases of ~/.pgpass ($PGPASSFILE), the contexts of the kubeconfig, the local Docker engine.
    void findDatabases(const QString &pgpassFile = {});
    void findClusters(const QString &kubeconfig = {});
    void findDocker();
    void testCurrent();
    void testNow();

    QListWidget *sourceList() const { return m_list; }
    SourceForm *form() const { return m_form; }
    QPushButton *saveButton() const { return m_save; }
    QPushButton *testButton() const { return m_test; }
    QLabel *testResult() const { return m_result; }
    QLineEdit *nameEdit() const { return m_name; }

Q_SIGNALS:
    void testFinished(const opsdeck::ProbeResult &result);

private:
    void save();
    void saveNow();
    // Passwords typed for the keychain go there (off the GUI thread) before a save or a test.
    void storeTypedSecrets(std::function<void(const QString &error)> then);
    void selectSource(int row);
    void storeForm();
    void refreshList();
    void chooseColor();
    void showColor();

    ConfigDocument *m_document;
    QString m_original;  // the name it had, to replace it on save
    Profile m_profile;
    QList<ProfileSource> m_sources;
    int m_current = -1;
    SourceProbe *m_probe;
    QLineEdit *m_name;
    QLineEdit *m_operator;
    QCheckBox *m_readOnly;
    QToolButton *m_color;
    QString m_colorValue;
    QListWidget *m_list;
    SourceForm *m_form;
    QPushButton *m_test;
    QPushButton *m_remove;
    QLabel *m_result;
    QLabel *m_error;
    QPushButton *m_save;
    QVBoxLayout *m_layout;
    QList<std::pair<QCheckBox *, QPointer<QAction>>> m_machineSettings;
};

} // namespace opsdeck
