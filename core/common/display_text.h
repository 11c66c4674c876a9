#pragma once

// Text that came from a server (a query, an application name, a log line)
// made safe to show: control characters can clear a terminal or break a
// table row, and a megabyte of SQL must not reach a view whole.

#include <QString>

namespace opsdeck {

// One line of at most maxChars: whitespace runs (newlines included) folded to
// one space, other control characters shown as U+FFFD, an ellipsis when cut.
QString singleLine(const QString &text, int maxChars);

// Several lines of at most maxChars in all, for a tooltip or a details pane:
// newlines and tabs kept, other control characters shown as U+FFFD.
QString multiLine(const QString &text, int maxChars);

} // namespace opsdeck
