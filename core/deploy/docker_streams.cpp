#include "deploy/docker_streams.h"

#include "common/rfc3339.h"
#include "common/json_fields.h"

#include <nlohmann/json.hpp>

#include <utility>

namespace opsdeck {

QList<QByteArray> LineSplitter::feed(const QByteArray &bytes)
{
    QList<QByteArray> lines;
    m_cut.clear();
    qsizetype from = 0;
    while (from < bytes.size()) {
        const qsizetype newline = bytes.indexOf('\n', from);
        const qsizetype end = newline < 0 ? bytes.size() : newline;
        if (!m_skipping) {
            const qsizetype room = m_max - m_pending.size();
            const qsizetype take = std::min(end - from, room);
            m_pending.append(bytes.constData() + from, take);
            if (take < end - from) {
                // Cut here; what follows until the newline is dropped.
                ++m_truncated;
                m_cut.append(lines.size());
                lines.append(m_pending);
                m_pending.clear();
                m_skipping = true;
            }
        }
        if (newline < 0)
            break;
        if (m_skipping) {
            m_skipping = false;
        } else {
            if (m_pending.endsWith('\r'))
                m_pending.chop(1);
            lines.append(m_pending);
            m_pending.clear();
        }
        from = newline + 1;
    }
    return lines;
}

std::optional<QByteArray> LineSplitter::flush()
{
    m_skipping = false;
    if (m_pending.isEmpty())
        return std::nullopt;
    QByteArray last;
    last.swap(m_pending);
    return last;
}

std::optional<DockerEvent> parseDockerEvent(const QByteArray &line)
{
    using nlohmann::json;
    using json_fields::string;
    try {
        const json document = json::parse(line.constBegin(), line.constEnd());
        if (!document.is_object())
            return std::nullopt;
        DockerEvent event;
        event.type = string(document, "Type");
        QString action = string(document, "Action");
        if (action.isEmpty())
            action = string(document, "status");  // engines before API 1.22 wrote only this
        const qsizetype colon = action.indexOf(QLatin1String(": "));
        if (colon >= 0) {
            event.detail = action.mid(colon + 2);
            action.truncate(colon);
        }
        event.action = action;
        const auto actor = document.find("Actor");
        if (actor != document.end() && actor->is_object()) {
            event.id = string(*actor, "ID");
            const auto attributes = actor->find("Attributes");
            if (attributes != actor->end() && attributes->is_object()) {
                for (const auto &[name, value] : attributes->items()) {
                    if (value.is_string())
                        event.attributes.insert(QString::fromStdString(name), QString::fromStdString(value.get<std::string>()));
                }
            }
        }
        if (event.id.isEmpty())
            event.id = string(document, "id");
        const auto nano = document.find("timeNano");
        if (nano != document.end() && nano->is_number())
            event.timeNano = nano->get<qint64>();
        else if (const auto seconds = document.find("time"); seconds != document.end() && seconds->is_number())
            event.timeNano = seconds->get<qint64>() * 1000000000;
        if (event.action.isEmpty())
            return std::nullopt;
        return event;
    } catch (const json::exception &) {
        return std::nullopt;
    }
}

DockerLogDecoder::DockerLogDecoder(Framing framing, bool timestamps, qsizetype maxLineBytes)
    : m_framing(framing), m_timestamps(timestamps), m_stdout(maxLineBytes), m_stderr(maxLineBytes)
{
}

void DockerLogDecoder::emitLines(LogLine::Stream stream, const LineSplitter &splitter, const QList<QByteArray> &lines,
                                 QList<LogLine> *out) const
{
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QByteArray &raw = lines[i];
        LogLine line;
        line.stream = stream;
        line.truncated = splitter.cutInLastFeed().contains(i);
        QByteArrayView text(raw);
        if (m_timestamps) {
            const qsizetype space = text.indexOf(' ');
            if (space > 0) {
                if (const auto ms = parseRfc3339Ms(std::string_view(text.data(), size_t(space)))) {
                    line.timeMs = *ms;
                    text = text.sliced(space + 1);
                }
            }
        }
        line.text = QString::fromUtf8(text);
        out->append(std::move(line));
    }
}

QList<LogLine> DockerLogDecoder::feed(const QByteArray &bytes)
{
    QList<LogLine> out;
    if (!m_error.isEmpty())
        return out;
    if (m_framing == Framing::Detect) {
        m_frame.append(bytes);
        if (m_frame.size() < 4)
            return out;
        const auto *head = reinterpret_cast<const unsigned char *>(m_frame.constData());
        m_framing = head[0] <= 2 && !head[1] && !head[2] && !head[3] ? Framing::Multiplexed : Framing::Raw;
        const QByteArray first = std::exchange(m_frame, QByteArray());
        return feed(first);
    }
    if (m_framing == Framing::Raw) {
        emitLines(LogLine::Stream::Stdout, m_stdout, m_stdout.feed(bytes), &out);
        return out;
    }
    m_frame.append(bytes);
    qsizetype at = 0;
    while (m_frame.size() - at >= 8) {
        const auto *header = reinterpret_cast<const unsigned char *>(m_frame.constData() + at);
        const unsigned char kind = header[0];
        if (kind > 2 || header[1] || header[2] || header[3]) {
            m_error = QStringLiteral("the log stream is not framed as the engine frames it (a header starts with byte %1)").arg(kind);
            m_frame.clear();
            return out;
        }
        const quint32 length = (quint32(header[4]) << 24) | (quint32(header[5]) << 16) | (quint32(header[6]) << 8) | quint32(header[7]);
        if (m_frame.size() - at - 8 < qsizetype(length))
            break;  // the payload is still coming
        const QByteArray payload = m_frame.mid(at + 8, length);
        at += 8 + qsizetype(length);
        // Stream 0 is stdin, which a log never carries; read it as stdout rather than lose it.
        LineSplitter &splitter = kind == 2 ? m_stderr : m_stdout;
        emitLines(kind == 2 ? LogLine::Stream::Stderr : LogLine::Stream::Stdout, splitter, splitter.feed(payload), &out);
    }
    m_frame.remove(0, at);
    return out;
}

QList<LogLine> DockerLogDecoder::flush()
{
    QList<LogLine> out;
    static const LineSplitter noneCut;
    if (auto last = m_stdout.flush())
        emitLines(LogLine::Stream::Stdout, noneCut, {*last}, &out);
    if (auto last = m_stderr.flush())
        emitLines(LogLine::Stream::Stderr, noneCut, {*last}, &out);
    return out;
}

} // namespace opsdeck
