#pragma once

// The two streams the Docker engine keeps open: /events, one JSON object per
// line, and a container's logs, which for a container without a TTY come in
// frames that multiplex stdout and stderr (an 8-byte header: the stream, three
// zero bytes, the payload's length big-endian). Both decoders take the bytes
// as they arrive, split anywhere, and keep a bounded remainder.

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace opsdeck {

// Splits bytes into lines ('\n', a trailing '\r' dropped). A line longer than
// maxLineBytes is cut there and the rest of it until its newline is dropped;
// truncated() counts them.
class LineSplitter
{
public:
    explicit LineSplitter(qsizetype maxLineBytes = 1024 * 1024) : m_max(maxLineBytes) {}
    QList<QByteArray> feed(const QByteArray &bytes);
    // What is left without its newline, as a last line (a stream that ended).
    std::optional<QByteArray> flush();
    int truncated() const { return m_truncated; }
    // Which of the lines the last feed() returned were cut.
    const QList<qsizetype> &cutInLastFeed() const { return m_cut; }

private:
    QByteArray m_pending;
    QList<qsizetype> m_cut;
    qsizetype m_max;
    bool m_skipping = false;  // inside a line already cut
    int m_truncated = 0;
};

struct DockerEvent {
    QString type;    // container, image, network…
    QString action;  // start, die, health_status, destroy… (the part before ": ")
    QString detail;  // after ": " ("healthy" for "health_status: healthy")
    QString id;      // the actor: a container's id
    qint64 timeNano = 0;
    QMap<QString, QString> attributes;  // name, image, exitCode and the container's labels
};

// One line of /events; nothing for a line that is not an event object.
std::optional<DockerEvent> parseDockerEvent(const QByteArray &line);

struct LogLine {
    enum class Stream { Stdout, Stderr };
    Stream stream = Stream::Stdout;
    qint64 timeMs = 0;  // from the engine's timestamp when asked for (timestamps=1); 0 otherwise
    QString text;
    bool truncated = false;
};

// Decodes a container's log stream into lines. Multiplexed: the container has
// no TTY, so the stream is framed (the usual case); Raw: with a TTY it is raw
// bytes, all stdout; Detect: told by the first four bytes (a frame header is a
// stream byte 0-2 and three zeros, which no text starts with). timestamps: each line starts with the engine's RFC 3339
// time and a space (the logs were asked with timestamps=1). A line split across
// frames is joined; stdout and stderr are split into lines apart, so an
// interleaving never mixes their halves.
class DockerLogDecoder
{
public:
    enum class Framing { Multiplexed, Raw, Detect };
    DockerLogDecoder(Framing framing, bool timestamps, qsizetype maxLineBytes = 16 * 1024);
    QList<LogLine> feed(const QByteArray &bytes);
    QList<LogLine> flush();  // the stream ended: what is left without a newline
    // A frame whose header makes no sense (a stream byte other than 0, 1 or 2):
    // the decoder stops and says so rather than printing garbage.
    const QString &error() const { return m_error; }

private:
    void emitLines(LogLine::Stream stream, const LineSplitter &splitter, const QList<QByteArray> &lines, QList<LogLine> *out) const;

    Framing m_framing;
    bool m_timestamps;
    QByteArray m_frame;       // bytes of the current frame header or payload not yet complete
    LineSplitter m_stdout, m_stderr;
    QString m_error;
};

} // namespace opsdeck
