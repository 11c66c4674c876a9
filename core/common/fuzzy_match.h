#pragma once

// Matching what a user types against names, as command palettes do: every
// typed character must appear in order ("dbses" finds "Database: sessions"),
// case-insensitively; the score prefers matches at the start, at word starts
// and in runs, and shorter names, so the obvious entry comes first.

#include <QString>
#include <QStringView>

#include <optional>

namespace opsdeck {

// The score of text for the typed pattern (higher is better), or nothing when
// it does not match. An empty pattern matches everything with score 0.
std::optional<int> fuzzyScore(QStringView pattern, QStringView text);

} // namespace opsdeck
