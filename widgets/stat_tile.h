#pragma once

#include "metrics/xor_chunk.h"
#include "value_format.h"

#include <QColor>
#include <QList>
#include <QString>
#include <QWidget>

#include <optional>
#include <vector>

namespace opsdeck {

// One number per series, readable from across the room: a stat (the value in
// its threshold's colour over a sparkline), a gauge (an arc from min to max
// with the threshold bands around it) or bar gauges (one bar per series).
// Like TimeSeriesChart it knows no backend: the owner hands it items.
class StatTile : public QWidget
{
    Q_OBJECT
public:
    enum class Style { Stat, Gauge, Bar };

    struct Item {
        QString label;  // the series' legend; not shown when the tile has one item
        double value = std::numeric_limits<double>::quiet_NaN();
        std::vector<SamplePoint> points;  // the sparkline
        QString staleNote;                // non-empty: its source stopped answering (why)
    };
    struct Threshold {
        double value = 0;
        QColor color;
    };

    explicit StatTile(QWidget *parent = nullptr);

    void setStyle(Style style);
    void setTitle(const QString &title);
    void setUnit(ValueUnit unit, int decimals = -1);
    // The gauge's and bars' scale; unset ends come from the data (0, and the largest value or 100 %).
    void setRange(std::optional<double> min, std::optional<double> max);
    // Values at or above a threshold take its colour; below the first, `base`.
    // No thresholds: the palette's text colour (stat) or highlight (gauge, bar).
    void setThresholds(const QColor &base, const QList<Threshold> &thresholds);
    void setSparkline(bool shown);
    void setTimeRange(qint64 fromMs, qint64 toMs);
    void setItems(QList<Item> items);
    // What it says while it has no item ("" for the default, "No data yet").
    void setEmptyText(const QString &text);
    // Why the tile could not be computed (a failed query), written over it; "" when it could.
    void setNoticeText(const QString &text);

    Style style() const { return m_style; }
    QString title() const { return m_title; }
    int itemCount() const { return int(m_items.size()); }
    QString valueText(int item) const;  // as drawn, e.g. "42.1 %"
    QColor valueColor(int item) const;  // the threshold colour of its value
    QString emptyText() const;
    QString noticeText() const { return m_notice; }
    std::pair<double, double> scale() const;  // the gauge's and bars' min and max

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;

private:
    QColor colorFor(double value) const;
    QRectF contentRect() const;
    // Where each item is drawn (for painting and tooltips).
    QList<QRectF> itemRects() const;
    void paintStat(QPainter &p, const QRectF &r, const Item &item, bool alone) const;
    void paintGauge(QPainter &p, const QRectF &r, const Item &item, bool alone) const;
    void paintBar(QPainter &p, const QRectF &r, const Item &item) const;
    void paintSparkline(QPainter &p, const QRectF &r, const Item &item, const QColor &color) const;

    Style m_style = Style::Stat;
    QString m_title;
    ValueUnit m_unit = ValueUnit::None;
    int m_decimals = -1;
    std::optional<double> m_min;
    std::optional<double> m_max;
    QColor m_base;
    QList<Threshold> m_thresholds;
    bool m_sparkline = true;
    qint64 m_fromMs = 0;
    qint64 m_toMs = 0;
    QList<Item> m_items;
    QString m_emptyText;
    QString m_notice;
};

} // namespace opsdeck
