#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

namespace opsdeck {

// Where each value of a JSON text starts, by the path the configuration's
// messages use (profiles[0].services[2].interval_s), so a message can name the
// line as well as the field. nlohmann keeps no positions; this scanner only
// walks the text (it is run on files that parsed) and never allocates a DOM.
class JsonLocator
{
public:
    explicit JsonLocator(const QByteArray &text);

    // The 1-based line of the value at path; for a path that is not there (a
    // missing required key), the line of its nearest ancestor that is; 0 when
    // not even the top level is.
    int line(const QString &path) const;

private:
    void scanValue(const QString &path);
    void scanObject(const QString &path);
    void scanArray(const QString &path);
    void scanString();
    void skipSpace();
    int lineAt(qsizetype offset) const;

    const QByteArray &m_text;
    qsizetype m_pos = 0;
    int m_depth = 0;
    QHash<QString, qsizetype> m_offsets;
};

} // namespace opsdeck
