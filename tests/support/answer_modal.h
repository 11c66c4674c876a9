#pragma once

// For offscreen GUI tests: answers the next modal dialog or message box once it
// shows (a button clicked, a field filled), since exec() does not return to the
// test until it is answered. Header-only: the support library has no widgets.

#include <QApplication>
#include <QTimer>
#include <QWidget>

#include <functional>

namespace testsupport {

inline void answerNextModal(std::function<void(QWidget *)> answer)
{
    auto *poll = new QTimer(qApp);
    poll->setInterval(50);
    QObject::connect(poll, &QTimer::timeout, poll, [poll, answer = std::move(answer)] {
        if (QWidget *modal = QApplication::activeModalWidget()) {
            poll->stop();
            poll->deleteLater();
            answer(modal);
        }
    });
    poll->start();
}

} // namespace testsupport
