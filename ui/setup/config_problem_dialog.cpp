#include "setup/config_problem_dialog.h"

#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>

namespace opsdeck {

ConfigProblemDialog::ConfigProblemDialog(const ConfigDocument &document, QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("ConfigProblemDialog"));
    setWindowTitle(tr("The configuration has errors"));
    auto *intro = new QLabel(tr("OpsDeck could not load %1. Nothing in it was changed. Fix it in an editor and reload, "
                                "or start over with a new profile (a copy of the file is kept beside it first).")
                                 .arg(document.path()),
                             this);
    intro->setWordWrap(true);
    auto *errors = new QPlainTextEdit(this);
    errors->setReadOnly(true);
    errors->setAccessibleName(tr("Errors"));
    errors->setPlainText(document.loaded().errors.join(u'\n'));
    auto *help = new QLabel(tr("Each line is file:line: field: reason. The format is described in Help → Documentation "
                               "(configuration.md), and `opsdeck-cli config validate` checks a file."),
                            this);
    help->setWordWrap(true);

    auto *buttons = new QDialogButtonBox(this);
    QPushButton *open = buttons->addButton(tr("Open in editor"), QDialogButtonBox::ActionRole);
    QPushButton *reload = buttons->addButton(tr("Reload"), QDialogButtonBox::AcceptRole);
    QPushButton *startOver = buttons->addButton(tr("Start over…"), QDialogButtonBox::DestructiveRole);
    QPushButton *quit = buttons->addButton(tr("Quit"), QDialogButtonBox::RejectRole);
    reload->setObjectName(QStringLiteral("reload"));
    startOver->setObjectName(QStringLiteral("startOver"));
    quit->setObjectName(QStringLiteral("quit"));
    const QString path = document.path();
    connect(open, &QPushButton::clicked, this, [path] { QDesktopServices::openUrl(QUrl::fromLocalFile(path)); });
    connect(reload, &QPushButton::clicked, this, [this] { m_choice = Reload; accept(); });
    connect(startOver, &QPushButton::clicked, this, [this] { m_choice = StartOver; accept(); });
    connect(quit, &QPushButton::clicked, this, [this] { m_choice = Quit; reject(); });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(errors, 1);
    layout->addWidget(help);
    layout->addWidget(buttons);
    resize(760, 360);
}

} // namespace opsdeck
