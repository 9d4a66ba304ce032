# The install guide's self-service walkthrough: every one of the eight flows happens once.
. admin-openrc
openstack network create --share --external --provider-physical-network provider --provider-network-type flat provider
openstack subnet create --network provider --allocation-pool start=203.0.113.101,end=203.0.113.250 --dns-nameserver 8.8.4.4 --gateway 203.0.113.1 --subnet-range 203.0.113.0/24 provider
. demo-openrc
# Flow 2: a tenant VXLAN network; its subnet starts DHCP (flow 4)
openstack network create selfservice
openstack subnet create --network selfservice --dns-nameserver 8.8.4.4 --gateway 172.16.1.1 --subnet-range 172.16.1.0/24 selfservice
# Flows 6 and 7: router, interface, gateway with SNAT
openstack router create router
openstack router add subnet router selfservice
openstack router set router --external-gateway provider
# Flows 1, 3 and 5: boot an instance; it gets its address by DHCP
openstack server create --flavor m1.nano --image cirros --nic net-id=selfservice selfservice-instance
openstack volume create --size 1 volume1
openstack server add volume selfservice-instance volume1
# Flow 8: a floating IP
openstack floating ip create provider --floating-ip-address 203.0.113.104
openstack server add floating ip selfservice-instance 203.0.113.104
