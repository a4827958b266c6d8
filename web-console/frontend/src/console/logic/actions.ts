// Which actions a call offers in each state (defect 7: arrive is never offered before acknowledge),
// shared with the responder app.
export { actionsFor, needsConfirm, type AlertAction } from '../../shared/alerts';
