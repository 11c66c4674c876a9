#pragma once

#include <QDialog>

class QListWidget;

namespace opsdeck {

// A list of things found (databases in ~/.pgpass, contexts of a kubeconfig), each
// with a tick box: the user keeps what they tick. With exclusive, one at most.
class ChoiceListDialog : public QDialog
{
    Q_OBJECT
public:
    struct Item {
        QString text;
        QString detail;  // tooltip
        bool ticked = false;
    };

    ChoiceListDialog(const QString &title, const QString &intro, const QList<Item> &items, bool exclusive,
                     QWidget *parent = nullptr);
    QList<int> chosen() const;
    QListWidget *list() const { return m_list; }

private:
    QListWidget *m_list;
};

} // namespace opsdeck
