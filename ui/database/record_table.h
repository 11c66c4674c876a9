#pragma once

// The Database panel's tables of records (sessions, statements, tables, log
// lines, checks) look and behave alike: rows selected whole, sortable,
// alternating, one line per row of the font's height, no row numbers.

#include <QHeaderView>
#include <QTableView>

namespace opsdeck {

inline QTableView *newRecordTable(QWidget *parent, const QString &objectName, QAbstractItemModel *model)
{
    auto *view = new QTableView(parent);
    view->setObjectName(objectName);
    view->setModel(model);
    view->setSortingEnabled(true);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    view->horizontalHeader()->setHighlightSections(false);
    return view;
}

} // namespace opsdeck
