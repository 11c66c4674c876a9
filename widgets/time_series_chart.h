#pragma once

#include "metrics/xor_chunk.h"
#include "value_format.h"

#include <QChartView>
#include <QColor>
#include <QList>
#include <QMap>
#include <QPolygonF>
#include <QString>

#include <vector>

class QDateTimeAxis;
class QGraphicsLineItem;
class QGraphicsSimpleTextItem;
class QLineSeries;
class QGraphicsItem;
class QValueAxis;

namespace opsdeck {

// A live time-series chart on Qt Charts that never owns more points than it can
// show: each line's samples are thinned to four points per pixel column (first,
// min, max, last) before QXYSeries::replace(), gaps stay gaps, and a redraw
// costs work in pixels. It knows no backend: the owner hands it lines.
//
// Mouse: hover shows a crosshair and every line's value; drag selects a time
// range (rangeSelected); Shift+drag or a middle-button drag pans the window
// (the lines follow at once, rangeSelected when the button is let go); a
// click on a legend entry hides or shows its line.
class TimeSeriesChart : public QChartView
{
    Q_OBJECT
public:
    using Unit = ValueUnit;

    struct Line {
        QString key;    // stable identity across updates (keeps colour and visibility)
        QString label;  // legend text
        std::vector<SamplePoint> points;
        // Non-empty: this line's source stopped answering (why, and since when). The
        // line is dashed, its legend entry marked, the note in the tooltip; the other
        // lines of the chart are drawn as usual.
        QString staleNote;
    };
    struct Threshold {
        double value = 0;
        QString label;
    };

    explicit TimeSeriesChart(QWidget *parent = nullptr);

    void setTitle(const QString &title);
    void setUnit(Unit unit);
    void setThresholds(const QList<Threshold> &thresholds);
    // Moments worth a vertical line (a deploy, a restart): a short label on the
    // line's flag, the detail in the tooltip near it.
    struct Marker {
        qint64 timeMs = 0;
        QString label;   // "1.4.3"
        QString detail;  // "deploy shop/api:1.4.2 → shop/api:1.4.3 by alice"
    };
    void setMarkers(QList<Marker> markers);
    const QList<Marker> &markers() const { return m_markers; }
    void setTimeRange(qint64 fromMs, qint64 toMs);
    // A gap longer than this between two samples is drawn as a gap.
    void setGapMs(qint64 gapMs) { m_gapMs = gapMs; }
    void setLines(std::vector<Line> lines);
    // Says, over the plot, that the whole chart could not be computed (a failed
    // query); empty text: it could. A line whose own source failed says so itself.
    void setStaleText(const QString &text);
    // What the plot says while it has no point ("" for the default, "No data yet").
    void setEmptyText(const QString &text);

    int lineCount() const { return int(m_lines.size()); }
    bool hasPoints() const;  // some line has a sample
    // For tests and benchmarks: points handed to Qt Charts for a line, all segments.
    int drawnPointCount(const QString &key) const;
    bool isLineVisible(const QString &key) const;
    bool isLineStale(const QString &key) const;
    QString legendText(const QString &key) const;       // as the legend shows it
    QString timeFormat() const;                         // of the time axis' labels, e.g. "HH:mm"
    QString noticeText() const { return m_staleText; }  // what is written over the plot, if anything
    QString emptyText() const { return m_emptyText; }
    void setLineVisible(const QString &key, bool visible);

Q_SIGNALS:
    void rangeSelected(qint64 fromMs, qint64 toMs);

protected:
    bool event(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    // The chart's own colours (background, title, axes, grid, legend) from the
    // widget's palette: Qt Charts keeps a light theme of its own otherwise.
    void applyPalette();

    struct LineState {
        QString label;
        QColor color;
        std::vector<SamplePoint> points;
        QLineSeries *legend = nullptr;     // no points: Qt Charts keeps the legend entry and its clicks
        std::vector<QPolygonF> segments;   // what is drawn: thinned, x in ms, y scaled to the unit
        bool visible = true;
        QString staleNote;
    };
    friend class PlotLines;

    void redraw();
    // The markers within a few pixels of x (in the chart's coordinates).
    QList<Marker> markersNear(qreal x) const;
    void redrawLine(LineState &line, int columns);
    void updateYAxis();
    void updateOverlay();
    void updateTimeAxis();
    void connectLegend();
    QColor colorFor(int index) const;
    double scaleFactor() const;
    QString unitTitle() const;

    QChart *m_chart;
    QDateTimeAxis *m_x;
    QValueAxis *m_y;
    QMap<QString, LineState> m_lines;
    QList<QPair<Threshold, QLineSeries *>> m_thresholds;
    QGraphicsLineItem *m_crosshair = nullptr;
    QGraphicsSimpleTextItem *m_overlay = nullptr;
    // Draws every line's thinned segments inside the plot area with cosmetic
    // pens: Qt Charts' own line items stroke a hit-test outline of every point
    // on each update, which cost a live dashboard most of its frame time.
    QGraphicsItem *m_plotLines = nullptr;
    QString m_staleText;
    QString m_emptyText;
    Unit m_unit = Unit::None;
    qint64 m_fromMs = 0;
    qint64 m_toMs = 1;
    qint64 m_gapMs = 0;
    QList<Marker> m_markers;
    struct Pan {
        bool active = false;
        qreal startX = 0;
        qint64 fromMs = 0;
        qint64 toMs = 0;
    } m_pan;
    int m_colorIndex = 0;
};

} // namespace opsdeck
