#include "fuzzy_match.h"

#include <algorithm>

namespace opsdeck {

namespace {

bool isWordStart(QStringView text, qsizetype i)
{
    if (i == 0)
        return true;
    const QChar before = text[i - 1];
    const QChar c = text[i];
    return !before.isLetterOrNumber() || (before.isLower() && c.isUpper());
}

} // namespace

std::optional<int> fuzzyScore(QStringView pattern, QStringView text)
{
    if (pattern.isEmpty())
        return 0;
    // Greedy from the left, but a character that starts a word is taken over an
    // earlier one inside a word when the rest still matches ("dep" in
    // "Open deployments" picks the "d" of "deployments", not of "Open").
    int score = 0;
    qsizetype from = 0;
    qsizetype previous = -2;
    for (qsizetype p = 0; p < pattern.size(); ++p) {
        const QChar wanted = pattern[p].toCaseFolded();
        qsizetype found = -1;
        qsizetype firstAny = -1;
        for (qsizetype i = from; i < text.size(); ++i) {
            if (text[i].toCaseFolded() != wanted)
                continue;
            if (firstAny < 0)
                firstAny = i;
            if (i == previous + 1 || isWordStart(text, i)) {
                found = i;
                break;
            }
        }
        if (found < 0)
            found = firstAny;
        if (found < 0)
            return std::nullopt;
        if (found == 0)
            score += 30;
        else if (isWordStart(text, found))
            score += 20;
        if (found == previous + 1)
            score += 15;  // a run
        score -= int(found - from);  // characters skipped
        previous = found;
        from = found + 1;
    }
    // What was typed, as it was typed: a whole word's start beats letters picked apart.
    int contiguous = 0;
    for (qsizetype at = text.indexOf(pattern, 0, Qt::CaseInsensitive); at >= 0 && contiguous < 60;
         at = text.indexOf(pattern, at + 1, Qt::CaseInsensitive))
        contiguous = std::max(contiguous, isWordStart(text, at) ? 60 : 40);
    return (score + contiguous) * 16 - int(text.size());
}

} // namespace opsdeck
