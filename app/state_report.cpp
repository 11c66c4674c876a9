#include "state_report.h"

#include "health_model.h"
#include "main_window.h"
#include "profile_session.h"

#include <QDockWidget>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace opsdeck {

namespace {

QJsonArray docksOf(const MainWindow &window)
{
    QJsonArray docks;
    for (const QDockWidget *dock : window.findChildren<QDockWidget *>()) {
        docks.append(QJsonObject{{QStringLiteral("name"), dock->objectName()},
                                 {QStringLiteral("title"), dock->windowTitle()},
                                 {QStringLiteral("visible"), dock->isVisible()},
                                 {QStringLiteral("width"), dock->width()},
                                 {QStringLiteral("height"), dock->height()}});
    }
    return docks;
}

QJsonArray healthOf(const MainWindow &window)
{
    QJsonArray services;
    const HealthModel *model = window.session() ? window.session()->healthModel() : nullptr;
    for (int row = 0; model && row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, 0);
        const std::optional<ServiceHealth> health = model->lastHealth(index.data(HealthModel::ServiceNameRole).toString());
        services.append(QJsonObject{{QStringLiteral("service"), index.data(HealthModel::ServiceNameRole).toString()},
                                    {QStringLiteral("status"), health ? healthStatusKey(health->status) : QStringLiteral("waiting")},
                                    {QStringLiteral("stale"), model->isStale(row)}});
    }
    return services;
}

} // namespace

bool writeStateReport(const MainWindow &window, const QString &path)
{
    const QJsonObject state{{QStringLiteral("profile"), window.currentProfile()},
                            {QStringLiteral("window_title"), window.windowTitle()},
                            {QStringLiteral("docks"), docksOf(window)},
                            {QStringLiteral("health"), healthOf(window)}};
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        && file.write(QJsonDocument(state).toJson(QJsonDocument::Indented)) > 0;
}

} // namespace opsdeck
