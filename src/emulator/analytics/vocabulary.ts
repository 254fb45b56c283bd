/** The analytics vocabulary of ConversationAggregationQuery (from the API description, SDK release 270). */

function words(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

/** every metric name the API accepts */
export const QUERY_METRICS: readonly string[] = words(`
  nBlindTransferred nBotInteractions nCallbackAttempts nCallbackOverSla nCallbackScheduled nCfcOffered
  nCobrowseSessions nConnected nConsult nConsultTransferred nConversations nError nOffered nOutbound
  nOutboundAbandoned nOutboundAttempted nOutboundConnected nOverSla nStateTransitionError nTakeover
  nTransferred oAudioMessageCount oCallbackServiceLevel oExternalAudioMessageCount oExternalMediaCount
  oMediaCount oMessageCount oMessageSegmentCount oMessageTurn oServiceLevel oServiceTarget
  oSkillExpressionApplications tAbandon tAcd tActiveCallback tActiveCallbackComplete tAcw
  tAgentResponseTime tAgentVideoConnected tAlert tAnswered tAverageAgentResponseTime
  tAverageCustomerResponseTime tBarging tCallbackAbandon tCallbackConnect tCallbackNotReached
  tCallbackVirtualWait tCfcAbandon tCfcAcd tCfcAnswered tCfcFlowOut tCoaching tCoachingComplete
  tConnected tContacting tDialing tFirstConnect tFirstDial tFirstEngagement tFirstResponse tFlowOut
  tHandle tHeld tHeldComplete tIvr tMonitoring tMonitoringComplete tNotResponding tPark tParkComplete
  tScreenMonitoring tShortAbandon tSnippetRecord tTalk tTalkComplete tTransmitting tUserResponseTime
  tVoicemail tWait
`);

/** every groupBy dimension the API accepts */
export const GROUP_BY_DIMENSIONS: readonly string[] = words(`
  activeRouting activeSkillId addressFrom addressTo agentAssistantId agentBullseyeRing agentOwned
  agentRank agentScore ani assignerId authenticated conversationId conversationInitiator convertedFrom
  convertedTo customerParticipation deliveryStatus destinationAddress direction disconnectType
  divisionId dnis edgeId eligibleAgentCount errorCode extendedDeliveryStatus externalContactId
  externalMediaCount externalOrganizationId externalTag firstQueue flaggedReason flowInType
  flowOutType groupId interactionType journeyActionId journeyActionMapId journeyActionMapVersion
  journeyCustomerId journeyCustomerIdType journeyCustomerSessionId journeyCustomerSessionIdType
  knowledgeBaseId mediaCount mediaType messageType originatingDirection originatingSocialMediaPublic
  outboundCampaignId outboundContactId outboundContactListId participantName peerId proposedAgentId
  provider purpose queueId remote removedSkillId requestedLanguageId requestedRouting
  requestedRoutingSkillId roomId routingPriority routingRing routingRule routingRuleType scoredAgentId
  selectedAgentId selectedAgentRank selfServed sessionDnis sessionId skillExpressionId stationId
  teamId usedRouting userId videoPresent waitingInteractionCount wrapUpCode
`);

/** every dimension a filter predicate may name */
export const FILTER_DIMENSIONS: readonly string[] = words(`
  activeRouting activeSkillId addressFrom addressTo agentAssistantId agentBullseyeRing agentOwned
  agentRank agentScore ani assignerId authenticated canonicalExternalContactId conversationId
  conversationInitiator convertedFrom convertedTo customerParticipation deliveryStatus
  destinationAddress direction disconnectType divisionId dnis edgeId eligibleAgentCount errorCode
  extendedDeliveryStatus externalContactId externalMediaCount externalOrganizationId externalTag
  firstQueue flaggedReason flowInType flowOutType groupId interactionType journeyActionId
  journeyActionMapId journeyActionMapVersion journeyCustomerId journeyCustomerIdType
  journeyCustomerSessionId journeyCustomerSessionIdType knowledgeBaseId mediaCount mediaType
  messageType originatingDirection originatingSocialMediaPublic outboundCampaignId outboundContactId
  outboundContactListId participantName peerId proposedAgentId provider purpose queueId remote
  removedSkillId requestedLanguageId requestedRouting requestedRoutingSkillId roomId routingPriority
  routingRing routingRule routingRuleType scoredAgentId selectedAgentId selectedAgentRank selfServed
  sessionDnis sessionId skillExpressionId stationId teamId usedRouting userId videoPresent
  waitingInteractionCount wrapUpCode
`);
