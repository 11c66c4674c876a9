#include "backend_signal_dialog.h"

#include "common/compact_units.h"
#include "common/display_text.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace opsdeck {

BackendSignalDialog::BackendSignalDialog(BackendSignal what, const QString &database, const PgSession &session,
                                         qint64 serverNowMs, QWidget *parent)
    : QDialog(parent), m_what(what), m_pid(session.pid)
{
    const bool terminate = what == BackendSignal::Terminate;
    setWindowTitle(terminate ? tr("Terminate session %1").arg(session.pid) : tr("Cancel query of %1").arg(session.pid));
    auto *layout = new QVBoxLayout(this);
    auto *headline = new QLabel(terminate
                                    ? tr("End backend %1 on %2? The client loses its connection and an open transaction is rolled back.")
                                          .arg(session.pid).arg(database.toHtmlEscaped())
                                    : tr("Cancel the query running in backend %1 on %2? The session stays connected; "
                                         "its transaction, if any, is aborted.")
                                          .arg(session.pid).arg(database.toHtmlEscaped()),
                                this);
    headline->setWordWrap(true);
    layout->addWidget(headline);

    auto *form = new QFormLayout;
    auto age = [serverNowMs](qint64 since) { return since > 0 ? compactDuration(serverNowMs - since) : tr("-"); };
    auto value = [this](const QString &text) {
        auto *label = new QLabel(singleLine(text, 120), this);
        label->setTextFormat(Qt::PlainText);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        return label;
    };
    form->addRow(tr("PID:"), value(QString::number(session.pid)));
    form->addRow(tr("User:"), value(session.user));
    form->addRow(tr("Application:"), value(session.application));
    form->addRow(tr("Client:"), value(session.client));
    form->addRow(tr("State:"), value(session.state));
    form->addRow(tr("Query running for:"), value(session.state == QLatin1String("active") ? age(session.queryStartMs) : tr("-")));
    form->addRow(tr("Transaction open for:"), value(age(session.xactStartMs)));
    layout->addLayout(form);

    auto *query = new QPlainTextEdit(this);
    query->setObjectName(QStringLiteral("queryText"));
    query->setReadOnly(true);
    query->setPlainText(session.queryHidden ? tr("(hidden from this role)") : multiLine(session.query, 20000));
    query->setMaximumHeight(140);
    layout->addWidget(query);

    auto *buttons = new QDialogButtonBox(this);
    QPushButton *keep = buttons->addButton(tr("Keep it running"), QDialogButtonBox::RejectRole);
    QPushButton *act = buttons->addButton(terminate ? tr("Terminate session") : tr("Cancel query"), QDialogButtonBox::AcceptRole);
    act->setObjectName(QStringLiteral("confirmButton"));
    keep->setObjectName(QStringLiteral("keepButton"));
    keep->setDefault(true);
    keep->setFocus();
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

} // namespace opsdeck
