#include "stat_tile.h"

#include "badge_tone.h"

#include <QEvent>
#include <QHelpEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace opsdeck {

namespace {

constexpr int margin = 6;
constexpr int barRowHeight = 22;
constexpr int maxColumns = 4;  // items side by side in a stat or gauge tile before they wrap

// Gauge arcs run clockwise from 225° to -45° (Qt's angles: counter-clockwise from 3 o'clock).
constexpr double arcStart = 225;
constexpr double arcSpan = 270;

QFont scaledFont(const QFont &base, double pixelSize, bool bold)
{
    QFont f = base;
    f.setPixelSize(std::max(8, int(pixelSize)));
    f.setBold(bold);
    return f;
}

// The largest font (up to `maximum` px) at which `text` fits `box`.
QFont fittingFont(const QFont &base, const QString &text, const QSizeF &box, double maximum, bool bold)
{
    double size = std::min(maximum, box.height());
    while (size > 8) {
        const QFontMetricsF fm(scaledFont(base, size, bold));
        if (fm.horizontalAdvance(text) <= box.width() && fm.height() <= box.height())
            break;
        size -= std::max(1.0, size * 0.1);
    }
    return scaledFont(base, size, bold);
}

} // namespace

StatTile::StatTile(QWidget *parent)
    : QWidget(parent)
{
    // As wide as the row allows; at least as tall as its content, and as tall as the row's tallest tile.
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Minimum);
    setAttribute(Qt::WA_OpaquePaintEvent, false);
}

void StatTile::setStyle(Style style)
{
    m_style = style;
    updateGeometry();
    update();
}

void StatTile::setTitle(const QString &title)
{
    m_title = title;
    update();
}

void StatTile::setUnit(ValueUnit unit, int decimals)
{
    m_unit = unit;
    m_decimals = decimals;
    update();
}

void StatTile::setRange(std::optional<double> min, std::optional<double> max)
{
    m_min = min;
    m_max = max;
    update();
}

void StatTile::setThresholds(const QColor &base, const QList<Threshold> &thresholds)
{
    m_base = base;
    m_thresholds = thresholds;
    std::sort(m_thresholds.begin(), m_thresholds.end(), [](const Threshold &a, const Threshold &b) { return a.value < b.value; });
    update();
}

void StatTile::setSparkline(bool shown)
{
    m_sparkline = shown;
    update();
}

void StatTile::setTimeRange(qint64 fromMs, qint64 toMs)
{
    m_fromMs = fromMs;
    m_toMs = toMs;
}

void StatTile::setItems(QList<Item> items)
{
    const bool grew = m_style == Style::Bar && items.size() != m_items.size();
    m_items = std::move(items);
    if (grew)
        updateGeometry();  // a bar gauge is as tall as its bars
    update();
}

void StatTile::setEmptyText(const QString &text)
{
    m_emptyText = text;
    update();
}

void StatTile::setNoticeText(const QString &text)
{
    m_notice = text;
    update();
}

QString StatTile::emptyText() const
{
    return m_emptyText.isEmpty() ? tr("No data yet") : m_emptyText;
}

QString StatTile::valueText(int item) const
{
    if (item < 0 || item >= m_items.size())
        return {};
    const double v = m_items[item].value;
    return std::isnan(v) ? tr("N/A") : formatValue(v, m_unit, m_decimals);
}

QColor StatTile::colorFor(double value) const
{
    if (m_thresholds.isEmpty() && !m_base.isValid())
        return m_style == Style::Stat ? palette().color(QPalette::Text) : palette().color(QPalette::Highlight);
    QColor color = m_base.isValid() ? m_base : badgeColor(BadgeTone::Good, isDarkPalette());
    for (const Threshold &t : m_thresholds) {
        if (value >= t.value && t.color.isValid())
            color = t.color;
    }
    return color;
}

QColor StatTile::valueColor(int item) const
{
    if (item < 0 || item >= m_items.size() || std::isnan(m_items[item].value))
        return palette().color(QPalette::PlaceholderText);
    return colorFor(m_items[item].value);
}

std::pair<double, double> StatTile::scale() const
{
    double low = m_min.value_or(0);
    double high = 0;
    if (m_max) {
        high = *m_max;
    } else if (m_unit == ValueUnit::Percent) {
        high = 100;
    } else {
        for (const Item &i : m_items) {
            if (!std::isnan(i.value))
                high = std::max(high, i.value);
        }
        for (const Threshold &t : m_thresholds)
            high = std::max(high, t.value);
    }
    if (!m_min) {
        for (const Item &i : m_items) {
            if (!std::isnan(i.value))
                low = std::min(low, i.value);
        }
    }
    if (high <= low)
        high = low + 1;
    return {low, high};
}

QSize StatTile::sizeHint() const
{
    const int title = fontMetrics().height() + margin;
    const int tile = title + 110;
    if (m_style == Style::Bar)
        return {240, std::max(tile, title + 2 * margin + std::max<int>(1, int(m_items.size())) * barRowHeight)};
    return {200, tile};
}

QSize StatTile::minimumSizeHint() const
{
    // Six side by side fit the narrowest dock of a 1366-pixel screen.
    return {100, sizeHint().height()};
}

QRectF StatTile::contentRect() const
{
    const int title = fontMetrics().height() + margin;
    return QRectF(rect()).adjusted(margin, margin + title, -margin, -margin);
}

QList<QRectF> StatTile::itemRects() const
{
    QList<QRectF> rects;
    const QRectF area = contentRect();
    const int n = int(m_items.size());
    if (n == 0)
        return rects;
    if (m_style == Style::Bar) {
        const double h = std::min<double>(barRowHeight, area.height() / n);
        for (int i = 0; i < n; ++i)
            rects << QRectF(area.left(), area.top() + i * h, area.width(), h);
        return rects;
    }
    const int columns = std::min(n, maxColumns);
    const int rows = (n + columns - 1) / columns;
    const double w = area.width() / columns;
    const double h = area.height() / rows;
    for (int i = 0; i < n; ++i)
        rects << QRectF(area.left() + (i % columns) * w, area.top() + (i / columns) * h, w, h);
    return rects;
}

void StatTile::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    // A card: the base colour with a hairline, like the charts beside it.
    p.setPen(QPen(pal.color(QPalette::Mid), 1));
    p.setBrush(pal.color(QPalette::Base));
    p.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);

    p.setPen(pal.color(QPalette::Text));
    p.setFont(scaledFont(font(), fontMetrics().height() * 0.85, true));
    const QRectF titleRect(margin, margin, width() - 2 * margin, fontMetrics().height());
    p.drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter, p.fontMetrics().elidedText(m_title, Qt::ElideRight, int(titleRect.width())));

    const QRectF area = contentRect();
    if (m_items.isEmpty()) {
        p.setFont(font());
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(area, Qt::AlignCenter | Qt::TextWordWrap, m_notice.isEmpty() ? emptyText() : m_notice);
        return;
    }
    const QList<QRectF> rects = itemRects();
    const bool alone = m_items.size() == 1;
    for (int i = 0; i < m_items.size(); ++i) {
        if (rects[i].height() < 8)
            break;  // no room left: the tooltip and a taller dock show the rest
        switch (m_style) {
        case Style::Stat: paintStat(p, rects[i], m_items[i], alone); break;
        case Style::Gauge: paintGauge(p, rects[i], m_items[i], alone); break;
        case Style::Bar: paintBar(p, rects[i], m_items[i]); break;
        }
    }
    if (!m_notice.isEmpty()) {
        // A failed refresh keeps the last values, marked so.
        p.setFont(scaledFont(font(), fontMetrics().height() * 0.8, false));
        p.setPen(toneTextColor(BadgeTone::Warning, isDarkPalette()));
        p.drawText(titleRect, Qt::AlignRight | Qt::AlignVCenter, tr("stale"));
    }
}

void StatTile::paintSparkline(QPainter &p, const QRectF &r, const Item &item, const QColor &color) const
{
    if (item.points.size() < 2)
        return;
    const qint64 from = m_fromMs < m_toMs ? m_fromMs : item.points.front().timestampMs;
    const qint64 to = m_fromMs < m_toMs ? m_toMs : item.points.back().timestampMs;
    double low = std::numeric_limits<double>::infinity();
    double high = -low;
    for (const SamplePoint &s : item.points) {
        if (!std::isnan(s.value)) {
            low = std::min(low, s.value);
            high = std::max(high, s.value);
        }
    }
    if (!std::isfinite(low) || to <= from)
        return;
    if (high - low < 1e-12)
        high = low + 1;  // a flat line sits at the bottom third
    QPainterPath line;
    bool started = false;
    for (const SamplePoint &s : item.points) {
        if (std::isnan(s.value))
            continue;
        const QPointF at(r.left() + r.width() * double(s.timestampMs - from) / double(to - from),
                         r.bottom() - r.height() * (s.value - low) / (high - low));
        if (!started)
            line.moveTo(at);
        else
            line.lineTo(at);
        started = true;
    }
    QPainterPath area = line;
    area.lineTo(line.currentPosition().x(), r.bottom());
    area.lineTo(line.elementAt(0).x, r.bottom());
    area.closeSubpath();
    QColor fill = color;
    fill.setAlphaF(0.15);
    p.fillPath(area, fill);
    QColor stroke = color;
    stroke.setAlphaF(0.6);
    p.strokePath(line, QPen(stroke, 1.5));
}

void StatTile::paintStat(QPainter &p, const QRectF &r, const Item &item, bool alone) const
{
    const QColor color = std::isnan(item.value) ? palette().color(QPalette::PlaceholderText) : colorFor(item.value);
    QRectF valueBox = r.adjusted(2, 0, -2, 0);
    if (!alone) {
        const QRectF labelBox(r.left() + 2, r.top(), r.width() - 4, fontMetrics().height());
        p.setFont(font());
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(labelBox, Qt::AlignHCenter | Qt::AlignVCenter, fontMetrics().elidedText(item.label, Qt::ElideMiddle, int(labelBox.width())));
        valueBox.setTop(labelBox.bottom());
    }
    if (m_sparkline)
        paintSparkline(p, QRectF(r.left(), r.top() + r.height() * 0.55, r.width(), r.height() * 0.45), item, color);
    const QString text = std::isnan(item.value) ? tr("N/A") : formatValue(item.value, m_unit, m_decimals);
    const double maximum = alone ? valueBox.height() * 0.6 : valueBox.height() * 0.5;
    p.setFont(fittingFont(font(), text, valueBox.size() * 0.9, maximum, true));
    QColor ink = color;
    if (!item.staleNote.isEmpty())
        ink.setAlphaF(0.45);  // a value that stopped updating fades; the tooltip says why
    p.setPen(ink);
    p.drawText(valueBox, Qt::AlignCenter, text);
}

void StatTile::paintGauge(QPainter &p, const QRectF &r, const Item &item, bool alone) const
{
    const auto [low, high] = scale();
    QRectF box = r;
    if (!alone)
        box.setBottom(box.bottom() - fontMetrics().height());
    const double side = std::min(box.width(), box.height() * 1.25) - 8;
    if (side < 20)
        return;
    const QRectF arc(box.center().x() - side / 2, box.top() + 4, side, side);
    const double thickness = std::max(4.0, side * 0.1);
    auto angleOf = [&](double v) { return arcStart - arcSpan * std::clamp((v - low) / (high - low), 0.0, 1.0); };
    auto drawArc = [&](const QRectF &rect, double from, double to, const QColor &c, double width) {
        QPen pen(c, width, Qt::SolidLine, Qt::FlatCap);
        p.setPen(pen);
        p.setBrush(Qt::NoBrush);
        p.drawArc(rect, int(from * 16), int((to - from) * 16));
    };
    const QRectF track = arc.adjusted(thickness, thickness, -thickness, -thickness);
    QColor trackColor = palette().color(QPalette::Mid);
    trackColor.setAlphaF(0.35);
    drawArc(track, arcStart, arcStart - arcSpan, trackColor, thickness);
    // The threshold bands, thin, just outside the track.
    if (!m_thresholds.isEmpty()) {
        const QRectF bands = arc.adjusted(thickness * 0.25, thickness * 0.25, -thickness * 0.25, -thickness * 0.25);
        double from = low;
        QColor c = m_base.isValid() ? m_base : badgeColor(BadgeTone::Good, isDarkPalette());
        for (const Threshold &t : m_thresholds) {
            if (t.value > from)
                drawArc(bands, angleOf(from), angleOf(t.value), c, thickness * 0.3);
            from = std::max(from, t.value);
            c = t.color.isValid() ? t.color : c;
        }
        if (from < high)
            drawArc(bands, angleOf(from), angleOf(high), c, thickness * 0.3);
    }
    const QColor color = std::isnan(item.value) ? palette().color(QPalette::PlaceholderText) : colorFor(item.value);
    if (!std::isnan(item.value)) {
        QColor ink = color;
        if (!item.staleNote.isEmpty())
            ink.setAlphaF(0.45);
        drawArc(track, arcStart, angleOf(item.value), ink, thickness);
    }
    const QString text = std::isnan(item.value) ? tr("N/A") : formatValue(item.value, m_unit, m_decimals);
    const QRectF inner = track.adjusted(thickness, thickness, -thickness, -thickness);
    p.setFont(fittingFont(font(), text, QSizeF(inner.width() * 0.8, inner.height() * 0.35), inner.height() * 0.3, true));
    p.setPen(color);
    p.drawText(inner, Qt::AlignCenter, text);
    if (!alone) {
        p.setFont(font());
        p.setPen(palette().color(QPalette::PlaceholderText));
        const QRectF labelBox(r.left(), r.bottom() - fontMetrics().height(), r.width(), fontMetrics().height());
        p.drawText(labelBox, Qt::AlignCenter, fontMetrics().elidedText(item.label, Qt::ElideMiddle, int(labelBox.width())));
    }
}

void StatTile::paintBar(QPainter &p, const QRectF &r, const Item &item) const
{
    const auto [low, high] = scale();
    const QFontMetrics fm = fontMetrics();
    const QString text = std::isnan(item.value) ? tr("N/A") : formatValue(item.value, m_unit, m_decimals);
    const double labelWidth = item.label.isEmpty() ? 0 : std::min(r.width() * 0.35, double(fm.horizontalAdvance(item.label)) + 6);
    // The widest value of the tile, so that the bars of every row end at one line.
    const QFontMetrics bold(scaledFont(font(), fm.height(), true));
    double valueWidth = 0;
    for (int i = 0; i < m_items.size(); ++i)
        valueWidth = std::max(valueWidth, double(bold.horizontalAdvance(valueText(i))) + 4);
    const QRectF labelBox(r.left(), r.top(), labelWidth, r.height());
    const QRectF valueBox(r.right() - valueWidth, r.top(), valueWidth, r.height());
    const QRectF bar(labelBox.right() + 4, r.top() + r.height() * 0.2, valueBox.left() - labelBox.right() - 10, r.height() * 0.6);
    p.setFont(font());
    p.setPen(palette().color(QPalette::Text));
    p.drawText(labelBox, Qt::AlignLeft | Qt::AlignVCenter, fm.elidedText(item.label, Qt::ElideMiddle, int(labelBox.width())));
    QColor trackColor = palette().color(QPalette::Mid);
    trackColor.setAlphaF(0.25);
    p.setPen(Qt::NoPen);
    p.setBrush(trackColor);
    p.drawRoundedRect(bar, 2, 2);
    const QColor color = std::isnan(item.value) ? palette().color(QPalette::PlaceholderText) : colorFor(item.value);
    if (!std::isnan(item.value) && bar.width() > 0) {
        QColor ink = color;
        if (!item.staleNote.isEmpty())
            ink.setAlphaF(0.45);
        const double fraction = std::clamp((item.value - low) / (high - low), 0.0, 1.0);
        p.setBrush(ink);
        p.drawRoundedRect(QRectF(bar.left(), bar.top(), bar.width() * fraction, bar.height()), 2, 2);
    }
    p.setPen(color);
    p.setFont(scaledFont(font(), fm.height(), true));
    p.drawText(valueBox, Qt::AlignRight | Qt::AlignVCenter, text);
}

bool StatTile::event(QEvent *event)
{
    if (event->type() != QEvent::ToolTip)
        return QWidget::event(event);
    auto *help = static_cast<QHelpEvent *>(event);
    QStringList lines;
    if (!m_notice.isEmpty())
        lines << m_notice;
    const QList<QRectF> rects = itemRects();
    for (int i = 0; i < rects.size(); ++i) {
        if (!rects[i].contains(help->pos()))
            continue;
        const Item &item = m_items[i];
        lines << (item.label.isEmpty() ? valueText(i) : QStringLiteral("%1: %2").arg(item.label, valueText(i)));
        if (!item.staleNote.isEmpty())
            lines << item.staleNote;
    }
    if (lines.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(help->globalPos(), lines.join(u'\n'), this);
    return true;
}

} // namespace opsdeck
