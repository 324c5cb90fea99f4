"""Answer examples from the reference (tests/reference/zapmail-v2-*.yaml, copies of shared/reference):
for each operation, the first reference example of a success answer that fits the shape the route
declares (the docs' first, else observed client code). Operations whose reference examples do
not fit the declared (live) shape, or that have none, carry no example; the comment says which
source each one is. routes.py attaches them to the answers; a test checks each still fits."""
from __future__ import annotations

ANSWERS: dict[str, dict[int, dict]] = {
    # docs
    "zapmail.v2.users.get": {200: {'status': 200,
         'message': 'User details fetched successfully',
         'data': {'id': '12345678-abcd-4efg-90hi-1234567890jk',
                  'email': 'example@domain.com',
                  'firstName': 'John',
                  'lastName': 'Doe',
                  'activePlan': 'Premium',
                  'planEndsOn': '2025-03-10T15:00:00.000Z',
                  'purchasedMailboxes': 120,
                  'assignedMailboxes': 85,
                  'userCreatedAt': '2023-01-15T08:30:00.000Z',
                  'walletBalance': 100.5}}},
    # docs
    "zapmail.v2.workspaces.create": {200: {'status': 200,
         'message': 'Workspace created successfully',
         'data': {'id': 'f69cde69-ab43-4168-b78b-77a50a02b8dd',
                  'name': 'New Workspace',
                  'userId': 'fbf34af0-be3b-4add-bd97-462e2471f65d',
                  'updatedAt': '2024-08-09T06:10:04.855Z',
                  'createdAt': '2024-08-09T06:10:04.855Z',
                  'deletedAt': None}}},
    # docs
    "zapmail.v2.workspaces.update": {200: {'status': 200,
         'message': 'Workspace updated successfully',
         'data': {'id': 'b9085239-6bb1-479b-8a30-271f7d6f904e',
                  'userId': 'fbf34af0-be3b-4add-bd97-462e2471f65d',
                  'name': 'New Workspace',
                  'createdAt': '2024-08-09T06:08:47.459Z',
                  'updatedAt': '2024-08-09T06:17:20.331Z',
                  'deletedAt': None}}},
    # docs
    "zapmail.v2.billing.add": {200: {'status': 200, 'message': 'Billing details added successfully', 'data': None}},
    # docs
    "zapmail.v2.mailbox.assign": {200: {'status': 200, 'message': 'Mailboxes will be assigned shortly', 'data': None}},
    # docs
    "zapmail.v2.mailbox.update": {200: {'status': 200,
         'message': 'User details changes are in progress',
         'data': [{'mailboxId': 'a9a0feda-ca3a-435c-a357-385d36e92f5a',
                   'profileUrl': '',
                   'failureDetails': []}]}},
    # docs
    "zapmail.v2.mailbox.scheduled_removal": {200: {'message': 'Mailbox will be removed on next renewal', 'data': None}},
    # docs
    "zapmail.v2.mailbox.remove_instantly": {200: {'status': 200, 'message': 'Mailbox will be removed shortly', 'data': {'totalMailboxesQueued': 1}}},
    # docs
    "zapmail.v2.wallet.add_balance": {200: {'message': 'Checkout session created successfully',
         'paymentLink': 'https://example.com/payment-link/12345'}},
    # docs
    "zapmail.v2.wallet.enable_auto_recharge": {200: {'message': 'Add your payment method to enable auto-recharge',
         'paymentLink': 'https://example.com/payment-link/12345'}},
    # docs
    "zapmail.v2.export.third_party.add": {200: {'status': 200, 'message': 'Account added successfully', 'data': None}},
    # docs
    "zapmail.v2.export.third_party.update": {200: {'status': 200, 'message': 'Account updated successfully', 'data': None}},
    # docs
    "zapmail.v2.subscriptions.upgrade": {200: {}},
    # docs
    "zapmail.v2.domains.list_assignable": {200: {'status': 200,
         'message': 'Domains fetched successfully',
         'data': {'totalSearchedCount': 1,
                  'currentPage': 1,
                  'nextPage': 2,
                  'totalPages': 1,
                  'domains': [{'id': 'e439f190-632c-40cd-98a7-f1f3f1cc7a05',
                               'workspaceId': '0e027scf-frd2-443d-9c3c-2d157ff6sfda',
                               'domain': 'abc.com',
                               'status': 'ACTIVE',
                               'createdAt': '2025-03-13T14:38:07.579Z',
                               'updatedAt': '2025-06-27T12:01:01.359Z',
                               'forwardTo': None,
                               'forwardToAddedOnReseller': False,
                               'dmarcEmail': None,
                               'dmarcEmailAddedToReseller': False,
                               'assignedMailboxesCount': '0',
                               'mailboxes': []}]}}},
    # observed client code
    "zapmail.v2.domains.add_forwarding": {200: {'status': 200, 'message': 'ok', 'data': None}},
    # docs
    "zapmail.v2.domains.get_nameservers": {200: {'status': 200,
         'message': 'NS records for transfer fetched successfully',
         'data': {'nameServers': 'braelyn.ns.cloudflare.com,jermaine.ns.cloudflare.com'}}},
    # docs
    "zapmail.v2.domains.connect": {200: {'status': 200, 'message': 'Domain Connected Successfully', 'data': None}},
    # observed client code
    "zapmail.v2.domains.check_dns": {200: {'status': 200,
         'message': '<not captured>',
         'data': [{'id': 'dom-1',
                   'domain': 'example.com',
                   'mxRecords': True,
                   'spfRecord': True,
                   'dkimRecords': True,
                   'dmarcRecords': False}]}},
    # observed client code
    "zapmail.v2.domains.search_available": {200: {'status': 200,
         'message': '<not captured>',
         'data': {'exactMatch': None,
                  'availableDomains': [{'domainName': 'theledgerpipeline.com',
                                        'status': 'AVAILABLE',
                                        'isPremiumDomain': False,
                                        'domainPrice': '12.99'}]}}},
    # observed client code
    "zapmail.v2.domains.buy": {200: {'message': 'Domains purchased', 'invoiceLink': '<stripe invoice url>'}},
    # docs
    "zapmail.v2.domains.list_connection_requests": {200: {'status': 200,
         'message': 'Pending domain connection requests',
         'data': {'totalSearchedCount': 1,
                  'currentPage': 1,
                  'nextPage': 2,
                  'totalPages': 1,
                  'totalCount': 1,
                  'data': [{'id': '11111111-2222-3333-4444-555555555555',
                            'domainName': 'exampledomain.com',
                            'userId': 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
                            'workspaceId': 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
                            'serviceProvider': 'CLOUDFLARE',
                            'dnsManagedBy': 'ZAPMAILDNS',
                            'status': 'NS_VERIFIED',
                            'metadata': {'currentNameServers': ['ns1.zapmaildns.com',
                                                                'ns2.zapmaildns.com']},
                            'nextRetryOn': '2025-07-01T12:00:00.000Z',
                            'createdAt': '2025-06-25T09:30:00.000Z',
                            'updatedAt': '2025-06-26T14:45:00.000Z',
                            'deletedAt': None}]}}},
    # observed client code
    "zapmail.v2.domains.check_availability_bulk": {200: {'status': 200,
         'message': '<not captured>',
         'data': {'domains': [{'domainName': 'qzvxwmpldkrt7742.com',
                               'status': 'AVAILABLE',
                               'isPremiumDomain': False,
                               'domainPrice': '12.99',
                               'renewPrice': '20.99'},
                              {'domainName': 'google.com',
                               'status': 'UNAVAILABLE',
                               'isPremiumDomain': False,
                               'domainPrice': '0.00',
                               'renewPrice': '0.00'}],
                  'total': 2,
                  'available': 1,
                  'unavailable': 1}}},
    # observed client code
    "zapmail.v2.dns.delete": {200: {'status': 200, 'message': 'ok', 'data': None}},
}

# Reference examples exist but do not fit the declared shape (docs vs live differences, each noted
# on its route or shape): zapmail.v2.workspaces.list, zapmail.v2.mailbox.list, zapmail.v2.mailbox.get, zapmail.v2.wallet.get_balance, zapmail.v2.export.mailboxes, zapmail.v2.export.third_party.list, zapmail.v2.export.status, zapmail.v2.subscriptions.list, zapmail.v2.domains.list, zapmail.v2.dns.list, zapmail.v2.dns.add, zapmail.v2.dns.update.
