#pragma once

#include "alerts/alert_actions.h"
#include "alerts/alerts.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;
class QTreeWidget;

namespace opsdeck {

// Acknowledge alerts, or create a silence from scratch. One silence per line
// of matchers (prefilled from each selected alert's identifying labels), a
// required comment, a duration, and a live preview of every current alert the
// silences will match. Nothing invalid can be sent: OK stays disabled and says why.
class AckDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Mode { Acknowledge, NewSilence };

    AckDialog(Mode mode, const std::vector<Alert> &selected, std::vector<Alert> current, const QString &operatorName,
              const QStringList &alertmanagers, QWidget *parent = nullptr);

    std::vector<AckRequest> requests() const;
    QString alertmanager() const;
    // Why it cannot be sent, or empty.
    QString problem() const { return m_problem; }
    int previewCount() const;

protected:
    void showEvent(QShowEvent *event) override;

private:
    void revalidate();
    qint64 durationMs() const;
    bool untilResolved() const;

    Mode m_mode;
    std::vector<Alert> m_current;
    QString m_operator;
    QPlainTextEdit *m_matchers;
    QComboBox *m_alertmanager;
    QLineEdit *m_comment;
    QComboBox *m_duration;
    QSpinBox *m_customMinutes;
    QTreeWidget *m_preview;
    QLabel *m_previewTitle;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
    QString m_problem;
    std::vector<AckRequest> m_requests;
};

} // namespace opsdeck
