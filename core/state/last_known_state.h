#pragma once

// The last known state of one profile on disk: what the console last saw of
// each part (health, alerts, databases, deployments, recent series), so that a
// start without a network shows the last picture at once, marked with its age,
// instead of an empty window. One file per part under
// <AppDataLocation>/state/<profile>/, each written atomically (durable_file.h)
// and bounded in size; a file that is corrupt, truncated, of another format or
// too large is ignored with a log line, and the part starts empty.

#include <QByteArray>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace opsdeck {

class LastKnownState
{
public:
    enum class Part { Health, Alerts, Databases, Deployments, Series };

    // What was read back of one part, and when it was written.
    struct Loaded {
        QJsonValue payload;
        qint64 savedAtMs = 0;
    };

    explicit LastKnownState(QString folder);

    // <AppDataLocation>/state/<profile name, made safe as a folder name>, or
    // under $OPSDECK_STATE_DIR when set. OPSDECK_STATE_DIR=none: empty, and an
    // empty folder keeps nothing (the test suite's default).
    static QString folderFor(const QString &profile);
    const QString &folder() const { return m_folder; }

    // The bytes save() writes for a part's payload (JSON), made on the GUI
    // thread; write() then puts them on disk, off it. Empty when the payload is
    // larger than the part's bound (logged).
    QByteArray encode(Part part, const QJsonValue &payload, qint64 nowMs) const;
    // Writes atomically; the error message, empty on success.
    QString write(Part part, const QByteArray &bytes) const;
    QString save(Part part, const QJsonValue &payload, qint64 nowMs) const;
    // The part as last saved, or nothing (absent, or ignored with a log line).
    std::optional<Loaded> load(Part part) const;

    static QString partName(Part part);
    // The most a part's file may hold.
    static qint64 maxBytes(Part part);

private:
    QString path(Part part) const;

    QString m_folder;
};

} // namespace opsdeck
