#pragma once

#include "config.h"

#include <QObject>

class QTimer;

namespace opsdeck {

class HealthChecker;
class HealthModel;
class HttpClient;

// Everything that runs for one profile: the HTTP worker, the checkers and the
// models they feed. Switching profiles destroys the session and makes a new
// one, so no late answer of the old profile can reach the new one's models.
class ProfileSession : public QObject
{
    Q_OBJECT
public:
    explicit ProfileSession(const Profile &profile, QObject *parent = nullptr);
    ~ProfileSession() override;

    const Profile &profile() const { return m_profile; }
    HealthModel *healthModel() const { return m_healthModel; }

    void start();
    void checkHealthNow();

private:
    Profile m_profile;
    HttpClient *m_http;
    HealthChecker *m_healthChecker;
    HealthModel *m_healthModel;
    QTimer *m_ageTimer;
};

} // namespace opsdeck
