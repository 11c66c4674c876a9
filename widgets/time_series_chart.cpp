#include "badge_tone.h"
#include "time_series_chart.h"

#include <QApplication>

#include <QFontMetrics>

#include "metrics/decimation.h"

#include <QDateTime>
#include <QDateTimeAxis>
#include <QGraphicsLayout>
#include <QGraphicsLineItem>
#include <QPainter>
#include <QGraphicsSimpleTextItem>
#include <QLegendMarker>
#include <QLineSeries>
#include <QMouseEvent>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <array>
#include <cmath>

namespace opsdeck {

namespace {

// Colours that stay apart for people with the common colour-vision deficiencies.
const QColor linePalette[] = {QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e), QColor(0x2c, 0xa0, 0x2c),
                          QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b), QColor(0xe3, 0x77, 0xc2),
                          QColor(0x7f, 0x7f, 0x7f), QColor(0xbc, 0xbd, 0x22), QColor(0x17, 0xbe, 0xcf)};

} // namespace

// The lines of a TimeSeriesChart, drawn in one pass: the segments are in data
// coordinates, one transform maps them into the plot area, and a cosmetic pen
// keeps the stroke one device pixel wide whatever the scale.
class PlotLines : public QGraphicsItem
{
public:
    PlotLines(TimeSeriesChart *owner, QGraphicsItem *parent) : QGraphicsItem(parent), m_owner(owner)
    {
        setZValue(5);  // above the grid, below the crosshair and the notices
    }

    QRectF boundingRect() const override { return m_owner->m_chart->plotArea(); }

    void paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *) override
    {
        const QRectF area = m_owner->m_chart->plotArea();
        const double x0 = double(m_owner->m_fromMs);
        const double xSpan = std::max(1.0, double(m_owner->m_toMs - m_owner->m_fromMs));
        const double y0 = m_owner->m_y->min();
        const double ySpan = m_owner->m_y->max() - y0;
        if (area.isEmpty() || !(ySpan > 0))
            return;
        painter->save();
        painter->setClipRect(area);
        painter->setRenderHint(QPainter::Antialiasing, true);
        QTransform toPixels;
        toPixels.translate(area.left(), area.bottom());
        toPixels.scale(area.width() / xSpan, -area.height() / ySpan);
        toPixels.translate(-x0, -y0);
        painter->setTransform(toPixels, true);
        for (const auto &line : std::as_const(m_owner->m_lines)) {
            if (!line.visible)
                continue;
            QPen pen(line.color, 1.5, line.staleNote.isEmpty() ? Qt::SolidLine : Qt::DashLine);
            pen.setCosmetic(true);
            painter->setPen(pen);
            for (const QPolygonF &segment : line.segments) {
                if (segment.size() == 1)
                    painter->drawPoint(segment.first());
                else
                    painter->drawPolyline(segment);
            }
        }
        painter->restore();
        paintMarkers(painter, area, x0, xSpan);
    }

    // A dashed line from top to bottom and a flag with the label at its top.
    void paintMarkers(QPainter *painter, const QRectF &area, double x0, double xSpan)
    {
        if (m_owner->m_markers.isEmpty())
            return;
        painter->save();
        painter->setClipRect(area);
        const QColor color = toneTextColor(BadgeTone::Neutral);
        QFont small = painter->font();
        small.setPointSizeF(small.pointSizeF() * 0.8);
        painter->setFont(small);
        const QFontMetrics metrics(small);
        // Flags that would cover each other go a row lower (three rows, then they overlap).
        std::array<double, 3> rowEnds;
        rowEnds.fill(-1e9);
        for (const TimeSeriesChart::Marker &m : std::as_const(m_owner->m_markers)) {
            const double x = area.left() + (double(m.timeMs) - x0) / xSpan * area.width();
            if (x < area.left() || x > area.right())
                continue;
            painter->setPen(QPen(color, 1, Qt::DashLine));
            painter->drawLine(QPointF(x, area.top()), QPointF(x, area.bottom()));
            if (m.label.isEmpty())
                continue;
            const QString text = metrics.elidedText(m.label, Qt::ElideRight, 90);
            const double width = metrics.horizontalAdvance(text) + 6;
            // Right of its line, unless that runs off the plot ("1.4." for 1.4.2 at the live edge): then left of it.
            const double left = x + width <= area.right() ? x : std::max(area.left(), x - width);
            size_t row = 0;
            while (row + 1 < rowEnds.size() && rowEnds[row] > left)
                ++row;
            rowEnds[row] = left + width + 2;
            const double height = metrics.height() + 2;
            const QRectF flag(left, area.top() + double(row) * (height + 1), width, height);
            painter->fillRect(flag, color);
            painter->setPen(badgeTextColor(BadgeTone::Neutral, isDarkPalette()));
            painter->drawText(flag, Qt::AlignCenter, text);
        }
        painter->restore();
    }

    void changed()
    {
        prepareGeometryChange();
        update();
    }

private:
    TimeSeriesChart *m_owner;
};

TimeSeriesChart::TimeSeriesChart(QWidget *parent)
    : QChartView(parent), m_chart(new QChart), m_x(new QDateTimeAxis), m_y(new QValueAxis)
{
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_chart->layout()->setContentsMargins(0, 0, 0, 0);
    m_chart->setBackgroundRoundness(0);
    m_chart->addAxis(m_x, Qt::AlignBottom);
    m_chart->addAxis(m_y, Qt::AlignLeft);
    m_x->setTickCount(6);
    m_y->setTickCount(5);
    m_y->setLabelFormat(QStringLiteral("%.4g"));
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    m_x->setLabelsFont(small);
    m_y->setLabelsFont(small);
    m_chart->legend()->setFont(small);
    // A legend entry cut short for lack of room shows its whole text on hover.
    m_chart->legend()->setShowToolTips(true);
    // QChartView starts with an empty chart of its own and setChart() only lets go of it:
    // delete it, or every chart built leaks one (LeakSanitizer found them).
    QChart *initial = chart();
    setChart(m_chart);
    delete initial;
    setRenderHint(QPainter::Antialiasing);
    setRubberBand(QChartView::HorizontalRubberBand);
    setMouseTracking(true);
    setMinimumSize(320, 200);

    m_crosshair = new QGraphicsLineItem(m_chart);
    m_crosshair->setPen(QPen(QColor(128, 128, 128, 160), 1, Qt::DashLine));
    m_crosshair->setZValue(20);
    m_crosshair->hide();
    m_overlay = new QGraphicsSimpleTextItem(m_chart);
    m_overlay->setZValue(30);
    m_plotLines = new PlotLines(this, m_chart);
    connect(m_chart, &QChart::plotAreaChanged, this, [this] { static_cast<PlotLines *>(m_plotLines)->changed(); });
    setTimeRange(QDateTime::currentMSecsSinceEpoch() - 300000, QDateTime::currentMSecsSinceEpoch());
    applyPalette();
}

void TimeSeriesChart::applyPalette()
{
    // The application's palette: Qt Charts gives the view a palette of its own theme's.
    const QPalette pal = QApplication::palette(this);
    const QColor text = pal.color(QPalette::Text);
    QColor grid = pal.color(QPalette::Text);
    grid.setAlpha(40);
    QColor axis = pal.color(QPalette::Text);
    axis.setAlpha(110);
    m_chart->setBackgroundBrush(pal.color(QPalette::Base));
    m_chart->setPlotAreaBackgroundVisible(false);
    m_chart->setTitleBrush(text);
    m_chart->legend()->setLabelColor(text);
    for (QAbstractAxis *a : {static_cast<QAbstractAxis *>(m_x), static_cast<QAbstractAxis *>(m_y)}) {
        a->setLabelsColor(text);
        a->setTitleBrush(text);
        a->setGridLineColor(grid);
        a->setMinorGridLineColor(grid);
        a->setLinePenColor(axis);
    }
    setBackgroundBrush(pal.color(QPalette::Base));
}

bool TimeSeriesChart::event(QEvent *event)
{
    // QGraphicsView takes palette events in event(), before changeEvent() would see them.
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange)
        applyPalette();
    return QChartView::event(event);
}

void TimeSeriesChart::setTitle(const QString &title)
{
    QFont f = font();
    f.setBold(true);
    m_chart->setTitleFont(f);
    m_chart->setTitle(title);
}

void TimeSeriesChart::setUnit(Unit unit)
{
    m_unit = unit;
    m_y->setLabelFormat(unit == Unit::Percent ? QStringLiteral("%.2f") : QStringLiteral("%.4g"));
    redraw();  // the scale of every line changes with the unit
}

// Bytes are drawn in the largest binary unit the data reaches; others as they are.
double TimeSeriesChart::scaleFactor() const
{
    if (m_unit != Unit::Bytes)
        return 1;
    double maximum = 0;
    for (const LineState &l : m_lines) {
        for (const SamplePoint &p : l.points)
            maximum = std::max(maximum, std::abs(p.value));
    }
    double factor = 1;
    while (maximum / factor >= 1024 && factor < 1024.0 * 1024 * 1024 * 1024)
        factor *= 1024;
    return factor;
}

QString TimeSeriesChart::unitTitle() const
{
    switch (m_unit) {
    case Unit::Milliseconds: return QStringLiteral("ms");
    case Unit::Seconds: return QStringLiteral("s");
    case Unit::PerSecond: return QStringLiteral("per second");
    case Unit::Percent: return QStringLiteral("%");
    case Unit::Bytes: {
        const double f = scaleFactor();
        return f >= 1024.0 * 1024 * 1024 ? QStringLiteral("GiB") : f >= 1024.0 * 1024 ? QStringLiteral("MiB")
            : f >= 1024 ? QStringLiteral("KiB") : QStringLiteral("bytes");
    }
    case Unit::None: break;
    }
    return {};
}

void TimeSeriesChart::setThresholds(const QList<Threshold> &thresholds)
{
    for (auto &[t, series] : m_thresholds) {
        m_chart->removeSeries(series);
        delete series;
    }
    m_thresholds.clear();
    for (const Threshold &t : thresholds) {
        auto *series = new QLineSeries;
        series->setName(t.label);
        QPen pen(badgeColor(BadgeTone::Bad, isDarkPalette()), 1.5, Qt::DashLine);
        series->setPen(pen);
        m_chart->addSeries(series);
        series->attachAxis(m_x);
        series->attachAxis(m_y);
        m_thresholds.append({t, series});
    }
    redraw();
}

void TimeSeriesChart::setTimeRange(qint64 fromMs, qint64 toMs)
{
    m_fromMs = fromMs;
    m_toMs = std::max(toMs, fromMs + 1);
    m_x->setRange(QDateTime::fromMSecsSinceEpoch(m_fromMs), QDateTime::fromMSecsSinceEpoch(m_toMs));
    updateTimeAxis();
    redraw();
}

QString TimeSeriesChart::timeFormat() const
{
    return m_x->format();
}

// Labels that fit: seconds only when ticks are less than a minute apart, the date
// only when the range spans days, and as many ticks as the width holds whole.
void TimeSeriesChart::updateTimeAxis()
{
    const qint64 span = m_toMs - m_fromMs;
    const QFontMetrics metrics(m_x->labelsFont());
    const double width = std::max<qreal>(120, m_chart->plotArea().width() > 0 ? m_chart->plotArea().width() : this->width() - 60);
    QString format = span > 2 * 86400000LL ? QStringLiteral("MM-dd HH:mm") : QStringLiteral("HH:mm");
    const int labelWidth = metrics.horizontalAdvance(format == u"HH:mm" ? QStringLiteral("00:00") : QStringLiteral("00-00 00:00")) + 24;
    int ticks = std::clamp(int(width / labelWidth), 2, 8);
    if (span / std::max(1, ticks - 1) < 60000) {
        format = QStringLiteral("HH:mm:ss");
        ticks = std::clamp(int(width / (metrics.horizontalAdvance(QStringLiteral("00:00:00")) + 24)), 2, 8);
    }
    m_x->setFormat(format);
    m_x->setTickCount(ticks);
}

void TimeSeriesChart::setLines(std::vector<Line> lines)
{
    QSet<QString> seen;
    bool added = false;
    for (Line &line : lines) {
        seen.insert(line.key);
        auto it = m_lines.find(line.key);
        if (it == m_lines.end()) {
            LineState state;
            state.color = colorFor(m_colorIndex++);
            it = m_lines.insert(line.key, state);
            added = true;
        }
        it->label = line.label;
        it->points = std::move(line.points);
        it->staleNote = std::move(line.staleNote);
    }
    // Lines that are gone go, with their series.
    for (auto it = m_lines.begin(); it != m_lines.end();) {
        if (seen.contains(it.key())) {
            ++it;
            continue;
        }
        if (it->legend) {
            m_chart->removeSeries(it->legend);
            delete it->legend;
        }
        it = m_lines.erase(it);
    }
    redraw();
    if (added)
        connectLegend();
}

void TimeSeriesChart::setMarkers(QList<Marker> markers)
{
    m_markers = std::move(markers);
    static_cast<PlotLines *>(m_plotLines)->changed();
}

QList<TimeSeriesChart::Marker> TimeSeriesChart::markersNear(qreal x) const
{
    QList<Marker> near;
    const QRectF area = m_chart->plotArea();
    const double span = std::max(1.0, double(m_toMs - m_fromMs));
    for (const Marker &m : m_markers) {
        const double mx = area.left() + (double(m.timeMs) - double(m_fromMs)) / span * area.width();
        if (std::abs(mx - x) <= 6)
            near.append(m);
    }
    return near;
}

void TimeSeriesChart::setStaleText(const QString &text)
{
    m_staleText = text;
    updateOverlay();
}

void TimeSeriesChart::setEmptyText(const QString &text)
{
    m_emptyText = text;
    updateOverlay();
}

QColor TimeSeriesChart::colorFor(int index) const
{
    return linePalette[index % int(std::size(linePalette))];
}

void TimeSeriesChart::redraw()
{
    const int columns = std::max(10, int(m_chart->plotArea().width()));
    for (LineState &line : m_lines)
        redrawLine(line, columns);
    for (auto &[t, series] : m_thresholds) {
        const double y = t.value / scaleFactor();
        series->replace(QList<QPointF>{QPointF(double(m_fromMs), y), QPointF(double(m_toMs), y)});
    }
    updateYAxis();
    updateOverlay();
    static_cast<PlotLines *>(m_plotLines)->changed();
}

void TimeSeriesChart::redrawLine(LineState &line, int columns)
{
    const double factor = scaleFactor();
    const std::vector<Segment> segments = decimateM4(line.points, m_fromMs, m_toMs, columns, m_gapMs);
    line.segments.clear();
    line.segments.reserve(segments.size());
    for (const Segment &segment : segments) {
        QPolygonF polygon;
        polygon.reserve(qsizetype(segment.size()));
        for (const QPointF &p : segment)
            polygon.append(QPointF(p.x(), p.y() / factor));
        line.segments.push_back(std::move(polygon));
    }
    if (!line.legend) {
        line.legend = new QLineSeries;
        m_chart->addSeries(line.legend);
        line.legend->attachAxis(m_x);
        line.legend->attachAxis(m_y);
    }
    const bool stale = !line.staleNote.isEmpty();
    line.legend->setPen(QPen(line.color, 1.6, stale ? Qt::DashLine : Qt::SolidLine));
    line.legend->setName(stale ? tr("%1 (stale)").arg(line.label) : line.label);
    // The legend entry stays reachable when the line is hidden: its label fades instead.
    const auto markers = m_chart->legend()->markers(line.legend);
    if (!markers.isEmpty()) {
        QBrush labelBrush = markers.first()->labelBrush();
        QColor c = palette().color(QPalette::Text);
        c.setAlpha(line.visible ? 255 : 90);
        labelBrush.setColor(c);
        markers.first()->setLabelBrush(labelBrush);
    }
}

void TimeSeriesChart::updateYAxis()
{
    double lo = INFINITY, hi = -INFINITY;
    for (const LineState &line : m_lines) {
        if (!line.visible)
            continue;
        for (const QPolygonF &segment : line.segments) {
            for (const QPointF &p : segment) {
                lo = std::min(lo, p.y());
                hi = std::max(hi, p.y());
            }
        }
    }
    for (const auto &[t, series] : m_thresholds) {
        lo = std::min(lo, t.value / scaleFactor());
        hi = std::max(hi, t.value / scaleFactor());
    }
    if (!std::isfinite(lo) || !std::isfinite(hi)) {
        lo = 0;
        hi = 1;
    }
    if (lo >= 0)
        lo = 0;  // quantities that cannot be negative start at zero: no exaggerated wiggles
    if (hi <= lo)
        hi = lo + 1;
    m_y->setRange(lo, hi + (hi - lo) * 0.08);
    m_y->applyNiceNumbers();
    // %g turns 100000 into "1e+05": large counts are written out whole.
    if (m_unit != Unit::Percent)
        m_y->setLabelFormat(std::max(std::abs(lo), std::abs(hi)) >= 10000 ? QStringLiteral("%.0f") : QStringLiteral("%.4g"));
    m_y->setTitleText(unitTitle());
    QFont f = m_y->labelsFont();
    m_y->setTitleFont(f);
}

void TimeSeriesChart::updateOverlay()
{
    bool anyPoint = false;
    for (const LineState &line : m_lines)
        anyPoint |= !line.points.empty();
    QString text = m_staleText;
    if (!anyPoint && text.isEmpty())
        text = m_emptyText.isEmpty() ? tr("No data yet") : m_emptyText;
    const QRectF area = m_chart->plotArea();
    // A long reason must not run off the chart: elide it, keep it whole in the tooltip.
    const QFontMetrics metrics(m_overlay->font());
    m_overlay->setText(metrics.elidedText(text, Qt::ElideRight, int(std::max<qreal>(40, area.width() - 12))));
    m_overlay->setToolTip(text);
    m_overlay->setBrush(m_staleText.isEmpty() ? palette().color(QPalette::PlaceholderText) : toneTextColor(BadgeTone::Warning));
    const QRectF box = m_overlay->boundingRect();
    m_overlay->setPos(area.right() - box.width() - 6, area.top() + 4);
    m_overlay->setVisible(!text.isEmpty());
}

void TimeSeriesChart::connectLegend()
{
    for (QLegendMarker *marker : m_chart->legend()->markers()) {
        disconnect(marker, &QLegendMarker::clicked, this, nullptr);
        connect(marker, &QLegendMarker::clicked, this, [this, marker] {
            for (auto it = m_lines.begin(); it != m_lines.end(); ++it) {
                if (it->legend == marker->series()) {
                    setLineVisible(it.key(), !it->visible);
                    return;
                }
            }
        });
    }
}

bool TimeSeriesChart::isLineVisible(const QString &key) const
{
    return m_lines.value(key).visible;
}

void TimeSeriesChart::setLineVisible(const QString &key, bool visible)
{
    auto it = m_lines.find(key);
    if (it == m_lines.end())
        return;
    it->visible = visible;
    redraw();
}

bool TimeSeriesChart::isLineStale(const QString &key) const
{
    const auto it = m_lines.constFind(key);
    return it != m_lines.constEnd() && !it->staleNote.isEmpty();
}

QString TimeSeriesChart::legendText(const QString &key) const
{
    const auto it = m_lines.constFind(key);
    return it != m_lines.constEnd() && it->legend ? it->legend->name() : QString();
}

bool TimeSeriesChart::hasPoints() const
{
    return std::any_of(m_lines.cbegin(), m_lines.cend(), [](const LineState &line) { return !line.points.empty(); });
}

int TimeSeriesChart::drawnPointCount(const QString &key) const
{
    int n = 0;
    for (const QPolygonF &segment : m_lines.value(key).segments)
        n += int(segment.size());
    return n;
}

void TimeSeriesChart::resizeEvent(QResizeEvent *event)
{
    QChartView::resizeEvent(event);
    updateTimeAxis();  // as many labels as the new width holds
    redraw();          // the number of pixel columns changed
}

void TimeSeriesChart::mousePressEvent(QMouseEvent *event)
{
    const bool pan = event->button() == Qt::MiddleButton
        || (event->button() == Qt::LeftButton && (event->modifiers() & Qt::ShiftModifier));
    if (!pan) {
        QChartView::mousePressEvent(event);
        return;
    }
    // Not the rubber band: the window moves with the mouse.
    m_pan = Pan{true, event->position().x(), m_fromMs, m_toMs};
    setCursor(Qt::ClosedHandCursor);
    event->accept();
}

void TimeSeriesChart::mouseMoveEvent(QMouseEvent *event)
{
    if (m_pan.active) {
        const double width = std::max<qreal>(1, m_chart->plotArea().width());
        const auto shift = qint64(double(m_pan.toMs - m_pan.fromMs) * (event->position().x() - m_pan.startX) / width);
        setTimeRange(m_pan.fromMs - shift, m_pan.toMs - shift);
        event->accept();
        return;
    }
    QChartView::mouseMoveEvent(event);
    const QPointF scenePos = mapToScene(event->position().toPoint());
    const QPointF chartPos = m_chart->mapFromScene(scenePos);
    const QRectF area = m_chart->plotArea();
    if (!area.contains(chartPos)) {
        m_crosshair->hide();
        QToolTip::hideText();
        return;
    }
    m_crosshair->setLine(chartPos.x(), area.top(), chartPos.x(), area.bottom());
    m_crosshair->show();
    const qint64 t = qint64(m_chart->mapToValue(chartPos).x());
    QStringList lines{QDateTime::fromMSecsSinceEpoch(t).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))};
    for (const LineState &line : m_lines) {
        if (!line.visible || line.points.empty())
            continue;
        auto it = std::lower_bound(line.points.begin(), line.points.end(), t,
                                   [](const SamplePoint &p, qint64 v) { return p.timestampMs < v; });
        if (it == line.points.end())
            --it;
        else if (it != line.points.begin() && t - (it - 1)->timestampMs < it->timestampMs - t)
            --it;
        if (m_gapMs > 0 && std::abs(it->timestampMs - t) > m_gapMs)
            continue;  // in a gap: no value to show
        lines << QStringLiteral("<span style='color:%1'>■</span> %2: <b>%3</b>")
                     .arg(line.color.name(), line.label.toHtmlEscaped(), formatValue(it->value, m_unit));
    }
    for (const LineState &line : m_lines) {
        if (line.visible && !line.staleNote.isEmpty())
            lines << QStringLiteral("<span style='color:%1'>- -</span> %2: <i>%3</i>")
                         .arg(line.color.name(), line.label.toHtmlEscaped(), line.staleNote.toHtmlEscaped());
    }
    for (const Marker &m : markersNear(chartPos.x())) {
        lines << QStringLiteral("▲ %1 <b>%2</b>")
                     .arg(QDateTime::fromMSecsSinceEpoch(m.timeMs).toString(QStringLiteral("HH:mm:ss")), m.detail.toHtmlEscaped());
    }
    QToolTip::showText(event->globalPosition().toPoint(), lines.join(QStringLiteral("<br>")), this);
}

void TimeSeriesChart::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_pan.active) {
        m_pan.active = false;
        unsetCursor();
        if (m_fromMs != m_pan.fromMs)
            Q_EMIT rangeSelected(m_fromMs, m_toMs);  // the owner fetches what the new window needs
        event->accept();
        return;
    }
    const qint64 before = m_fromMs, beforeTo = m_toMs;
    QChartView::mouseReleaseEvent(event);
    // The rubber band zoomed the axis; report the range and let the owner decide.
    const qint64 from = m_x->min().toMSecsSinceEpoch();
    const qint64 to = m_x->max().toMSecsSinceEpoch();
    if (event->button() == Qt::LeftButton && (from != before || to != beforeTo) && to > from) {
        Q_EMIT rangeSelected(from, to);
    } else if (event->button() == Qt::RightButton) {
        setTimeRange(before, beforeTo);  // no zoom-out past what the owner set
    }
}

void TimeSeriesChart::leaveEvent(QEvent *event)
{
    QChartView::leaveEvent(event);
    m_crosshair->hide();
}

} // namespace opsdeck
