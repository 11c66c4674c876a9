#pragma once

#include "config/config_document.h"

#include <QDialog>

namespace opsdeck {

// A configuration file that exists but does not load: each problem with its
// file, line and field, and the ways on. The file is never rewritten from
// here: "Start over" first keeps a copy of it beside it.
class ConfigProblemDialog : public QDialog
{
    Q_OBJECT
public:
    enum Choice { Quit, Reload, StartOver };

    explicit ConfigProblemDialog(const ConfigDocument &document, QWidget *parent = nullptr);
    Choice choice() const { return m_choice; }

private:
    Choice m_choice = Quit;
};

} // namespace opsdeck
