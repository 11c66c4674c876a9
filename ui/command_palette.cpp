#include "command_palette.h"

#include <QApplication>
#include <QKeyEvent>
#include <QLineEdit>
#include <QListView>
#include <QPainter>
#include <QStyledItemDelegate>
#include <QVBoxLayout>

namespace opsdeck {

namespace {

// A row: the title on the left, the kind and the detail (a shortcut, a status) greyed on the right.
class PaletteDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        const QString right = QStringLiteral("%1  %2").arg(index.data(PaletteModel::DetailRole).toString(),
                                                            index.data(PaletteModel::KindLabelRole).toString());
        opt.text.clear();
        QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);
        const QRect r = opt.rect.adjusted(8, 0, -8, 0);
        const bool selected = opt.state & QStyle::State_Selected;
        const QPalette::ColorRole text = selected ? QPalette::HighlightedText : QPalette::Text;
        const int rightWidth = std::min(opt.fontMetrics.horizontalAdvance(right) + 4, r.width() / 2);
        painter->save();
        painter->setFont(opt.font);
        painter->setPen(opt.palette.color(QPalette::Normal, text));
        painter->drawText(r.adjusted(0, 0, -rightWidth - 12, 0), Qt::AlignVCenter | Qt::AlignLeft,
                          opt.fontMetrics.elidedText(index.data().toString(), Qt::ElideRight, r.width() - rightWidth - 12));
        painter->setPen(opt.palette.color(selected ? QPalette::Normal : QPalette::Disabled, text));
        painter->drawText(r, Qt::AlignVCenter | Qt::AlignRight, opt.fontMetrics.elidedText(right, Qt::ElideLeft, rightWidth));
        painter->restore();
    }

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QSize s = QStyledItemDelegate::sizeHint(option, index);
        s.setHeight(std::max(s.height(), option.fontMetrics.height() + 10));
        return s;
    }
};

} // namespace

CommandPalette::CommandPalette(QWidget *window)
    : QFrame(window),
      m_model(new PaletteModel(this)),
      m_field(new QLineEdit(this)),
      m_list(new QListView(this))
{
    setObjectName(QStringLiteral("commandPalette"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setAccessibleName(tr("Command palette"));
    m_field->setPlaceholderText(tr("Type a panel, service, alert, database, deployment or action…"));
    m_field->setAccessibleName(tr("Search"));
    m_field->setClearButtonEnabled(true);
    m_list->setModel(m_model);
    m_list->setItemDelegate(new PaletteDelegate(m_list));
    m_list->setAccessibleName(tr("Matches"));
    m_list->setUniformItemSizes(true);
    m_list->setFocusPolicy(Qt::NoFocus);  // the field keeps the keyboard; arrows move the list
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_field);
    layout->addWidget(m_list);

    connect(m_field, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_model->setPattern(text);
        if (m_model->rowCount() > 0)
            m_list->setCurrentIndex(m_model->index(0));
        place();  // as tall as what matches, up to ten rows
    });
    connect(m_list, &QListView::clicked, this, [this](const QModelIndex &index) { runRow(index.row()); });
    m_field->installEventFilter(this);
    window->installEventFilter(this);
    hide();
}

void CommandPalette::open(QList<PaletteEntry> entries)
{
    m_model->setEntries(std::move(entries));
    m_field->clear();
    m_model->setPattern({});
    if (m_model->rowCount() > 0)
        m_list->setCurrentIndex(m_model->index(0));
    place();
    show();
    raise();
    m_field->setFocus(Qt::ShortcutFocusReason);
}

bool CommandPalette::runRow(int row)
{
    const PaletteEntry *entry = m_model->entryAt(row);
    if (!entry)
        return false;
    // Closed first: the entry may open a dialog, which must not sit under the palette.
    const std::function<void()> run = entry->run;
    hide();
    if (run)
        run();
    return true;
}

void CommandPalette::place()
{
    const QWidget *window = parentWidget();
    const int width = std::min(720, std::max(360, window->width() * 3 / 5));
    const int rows = std::clamp(m_model->rowCount(), 1, 10);
    const int rowHeight = m_list->sizeHintForRow(0) > 0 ? m_list->sizeHintForRow(0) : fontMetrics().height() + 10;
    const int height = m_field->sizeHint().height() + rows * rowHeight + 2 * m_list->frameWidth() + 20;
    setGeometry((window->width() - width) / 2, std::max(8, window->height() / 8), width, std::min(height, window->height() - 16));
}

bool CommandPalette::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == parentWidget() && event->type() == QEvent::Resize && isVisible())
        place();
    if (watched == m_field && event->type() == QEvent::FocusOut && isVisible()) {
        // A click elsewhere closes it; a click on a row runs it first (clicked comes before).
        if (!m_list->underMouse())
            hide();
    }
    if (watched != m_field || event->type() != QEvent::KeyPress)
        return QFrame::eventFilter(watched, event);
    auto *key = static_cast<QKeyEvent *>(event);
    const int rows = m_model->rowCount();
    const int current = m_list->currentIndex().isValid() ? m_list->currentIndex().row() : -1;
    auto moveTo = [&](int row) {
        if (rows > 0)
            m_list->setCurrentIndex(m_model->index(std::clamp(row, 0, rows - 1)));
        return true;
    };
    switch (key->key()) {
    case Qt::Key_Down: return moveTo(current + 1);
    case Qt::Key_Up: return moveTo(current - 1);
    case Qt::Key_PageDown: return moveTo(current + 10);
    case Qt::Key_PageUp: return moveTo(current - 10);
    case Qt::Key_Return:
    case Qt::Key_Enter:
        runRow(current);
        return true;
    case Qt::Key_Escape:
        hide();
        return true;
    default:
        return QFrame::eventFilter(watched, event);
    }
}

} // namespace opsdeck
