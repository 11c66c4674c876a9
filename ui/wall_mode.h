#pragma once

// Wall mode (opsdeck --wall, View › Wall mode, F11): the console as a screen on
// a wall. Full screen, no menus, larger type, read-only whatever the profile
// says (no action, so no dialog, can start from it), the chosen panels brought
// forward in turn, and a banner across the top, with the age of the data,
// whenever a source is stale or the window shows an earlier run's picture.
// F11 (or Escape) leaves it and puts the window back as it was.

#include <QByteArray>
#include <QFont>
#include <QObject>
#include <QStringList>

class QLabel;
class QTimer;
class QToolBar;

namespace opsdeck {

class MainWindow;

struct WallOptions {
    QStringList panels;  // dock names ("health", "alerts", "dashboards"…); empty: every panel
    int intervalS = 30;  // how long each panel stays forward
};

class WallMode : public QObject
{
    Q_OBJECT
public:
    explicit WallMode(MainWindow *window);

    void enter(const WallOptions &options);
    void leave();
    bool isActive() const { return m_active; }
    // The banner's text now; empty when every source is fresh.
    QString staleText() const;
    QString currentPanel() const;
    QToolBar *banner() const { return m_banner; }

    // "health,alerts" into dock names; unknown names are reported in *error.
    static QStringList parsePanels(const QString &list, const QStringList &known, QString *error);

private:
    void showNext();
    void refreshBanner();

    MainWindow *m_window;
    bool m_active = false;
    WallOptions m_options;
    QStringList m_rotation;  // dock object names
    int m_index = -1;
    QByteArray m_stateBefore;
    QFont m_fontBefore;
    bool m_wasMaximized = false;
    QTimer *m_rotate;
    QTimer *m_bannerTimer;
    QToolBar *m_banner;
    QLabel *m_bannerText;
};

} // namespace opsdeck
